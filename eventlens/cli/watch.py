"""`eventlens watch --event SLUG DIR`: index photos as tethering software writes them.

Each settled file (`eventlens.watch.folder`) goes through the same intake as a
camera's FTP upload (RAW files and RAW+JPEG pairs included) into one batch of the
event, indexed by the same background loops as the bot's. A restart, even after
kill -9, takes the folder again: files already stored are recognised by content and
skipped, photos half-indexed resume. A live line shows the batch's numbers; Ctrl-C
or SIGTERM stops it cleanly.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from pathlib import Path

from tqdm import tqdm

from eventlens.cli.index import open_event
from eventlens.cli.output import CliError, emit_json, say
from eventlens.core.ingest.batches import BatchState
from eventlens.core.ingest.intake import Origin
from eventlens.core.records import Event
from eventlens.services import Services
from eventlens.settings import Settings
from eventlens.watch.folder import FolderWatch

logger = logging.getLogger(__name__)

# Batches of the watched folder belong to no Telegram chat.
WATCH_ORIGIN = Origin(user_id=0, chat_id=0, message_id=0, locale="en")
REFRESH_SECONDS = 0.5


async def _state(services: Services, event: Event) -> BatchState | None:
    for batch in await services.batches.open():
        if batch.event_id == event.id and batch.chat_id == WATCH_ORIGIN.chat_id:
            return await services.batches.state(batch)
    return None


async def _show(services: Services, event: Event, bar: tqdm[None], stop: asyncio.Event) -> None:
    while not stop.is_set():
        state = await _state(services, event)
        if state is not None:
            bar.total = state.total
            bar.n = state.processed
            bar.set_postfix(indexed=state.indexed, faces=state.faces, skipped=state.skipped)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), REFRESH_SECONDS)


async def _take(services: Services, event: Event, folder: Path, stop: asyncio.Event) -> None:
    async for path in FolderWatch(folder).files(stop):
        try:
            data = await asyncio.to_thread(path.read_bytes)
        except OSError as error:
            logger.warning("cannot read %s: %s", path, error)
            continue
        name = path.relative_to(folder).as_posix()
        await services.frames.take(event, WATCH_ORIGIN, name, data)


async def run(settings: Settings, slug: str, folder: str, as_json: bool) -> int:
    root = Path(folder)
    if not root.is_dir():
        raise CliError(f"{folder} is not a folder.")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    services = await Services.open(settings)
    try:
        event = await open_event(services, slug)
        if event.closed:
            raise CliError(f"Event '{slug}' is closed; reopen it to add photos.")
        await services.loops.start()
        if not as_json:
            say(f"Watching {root} for event '{slug}'; Ctrl-C stops.")
        show_bar = not as_json and sys.stderr.isatty()
        with tqdm(total=0, unit="photo", disable=not show_bar, file=sys.stderr) as bar:
            await asyncio.gather(
                _take(services, event, root, stop), _show(services, event, bar, stop)
            )
        state = await _state(services, event)
    finally:
        await services.loops.stop()
        await services.close()
    if as_json:
        emit_json(
            {
                "event": slug,
                "photos_indexed": state.indexed if state else 0,
                "photos_skipped": state.skipped if state else 0,
                "photos_pending": (state.queued - state.indexed) if state else 0,
            }
        )
    elif state is not None:
        say(f"Event '{slug}': {state.indexed} indexed, {state.skipped} skipped from {root}.")
    return 0
