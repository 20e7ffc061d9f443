"""Soak: guests keep searching while a big ZIP indexes and a stranger sends hostile files.

Runs the real bot in-process against the fake Bot API of the end-to-end tests (all on
127.0.0.1). A photographer's event of demo photos is indexed first; then `--guests`
guests join it and send their selfie again and again, while the photographer uploads a
ZIP of `--photos` generated photos to a second event and strangers send a hostile file
every `--hostile-every` seconds (a 10900x10900 PNG of 115 KB, random bytes as a
photo, a ZIP that is no ZIP). It stops when the ZIP's summary arrives (or after
`--max-seconds`) and prints: the guests' selfie-to-album latency, searches done,
hostile files answered, the process's peak RSS, ERROR records and tracebacks in the
bot's log, and photos indexed per second. The guests' hourly and per-minute caps are
raised, so what is measured is latency, not refusals.

    python bench/soak.py [--photos 1000] [--guests 20]
    python bench/soak.py --photos 150 --guests 5     # a quick run
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import logging
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.model_pack import resolve_pack
from tests.e2e.conftest import ADMIN_ID, RunningBot, bot_running, settings_for
from tests.e2e.fake_bot_api import ChatMessage, FakeBotAPI
from tests.e2e.guest_flows import GuestEvent, album_photo_ids, gala, joined_guest
from tests.e2e.photos import event_photos, zip_of
from tests.e2e.telegram_user import FakeUser

FIRST_GUEST, FIRST_STRANGER, STRANGERS = 20_000, 30_000, 3
SELFIE_TIMEOUT = 120.0


class ErrorCounter(logging.Handler):
    """Counts ERROR records (and those with a traceback) that reach the root logger."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.errors = 0
        self.tracebacks = 0
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.errors += 1
        self.tracebacks += record.exc_info is not None
        if len(self.first) < 5:
            self.first.append(f"{record.name}: {record.getMessage()}")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    failed_searches: int = 0
    hostile_sent: int = 0
    hostile_answered: int = 0


def peak_rss_mb() -> float:
    """VmHWM of this process (the bot runs in it), or getrusage's peak where absent."""
    status = Path("/proc/self/status")
    if status.is_file():
        found = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
        if found:
            return int(found[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def is_album(message: ChatMessage) -> bool:
    return bool(album_photo_ids(message))


async def guest_loop(guest: FakeUser, event: GuestEvent, stop: asyncio.Event, tally: Tally) -> None:
    await joined_guest(guest, event)
    while not stop.is_set():
        started = time.perf_counter()
        await guest.send_photo(event.selfie)
        try:
            album = await guest.expect_message(is_album, timeout=SELFIE_TIMEOUT)
        except AssertionError:
            tally.failed_searches += 1
            continue
        tally.latencies.append(time.perf_counter() - started)
        if album_photo_ids(album) != event.with_guest:
            tally.failed_searches += 1


def hostile_files() -> list[tuple[str, bytes]]:
    output = io.BytesIO()
    Image.new("L", (10_900, 10_900)).save(output, "PNG")
    return [
        ("poster.png", output.getvalue()),
        ("photo", os.urandom(50_000)),
        ("party.zip", b"PK\x03\x04" + os.urandom(20_000)),
    ]


async def stranger_loop(api: FakeBotAPI, every: float, stop: asyncio.Event, tally: Tally) -> None:
    strangers = [FakeUser(api, FIRST_STRANGER + n, "Eve") for n in range(STRANGERS)]
    files = hostile_files()
    turn = 0
    while not stop.is_set():
        stranger = strangers[turn % len(strangers)]
        name, data = files[turn % len(files)]
        if name == "photo":
            await stranger.send_photo(data)
        else:
            mime = "image/png" if name.endswith(".png") else "application/zip"
            await stranger.send_document(data, name, mime)
        tally.hostile_sent += 1
        with contextlib.suppress(AssertionError):
            await stranger.expect_message(timeout=30)
            tally.hostile_answered += 1
        turn += 1
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)


async def index_zip(admin: FakeUser, photos: list[bytes], limit: float) -> tuple[float, int]:
    """Upload the ZIP; seconds from the upload to its summary and photos it indexed."""
    archive = zip_of([(f"soak/{i:04d}.jpg", data) for i, data in enumerate(photos)])
    started = time.perf_counter()
    await admin.send_document(archive, "soak.zip", "application/zip")
    progress = await admin.expect_message(
        lambda m: m.history[0].startswith("⏳") or "upload finished" in m.history[0], timeout=limit
    )
    await admin.api.wait_for(lambda: "upload finished" in progress.text, limit, "the summary")
    indexed = re.search(r"Photos indexed: ([\d,]+)", progress.text)
    return time.perf_counter() - started, int(indexed[1].replace(",", "")) if indexed else 0


async def soak(running: RunningBot, api: FakeBotAPI, args: argparse.Namespace, home: Path) -> None:
    admin = FakeUser(api, ADMIN_ID, "Ada")
    event = await gala(running, api, admin, home / "demo")
    photos = event_photos(args.photos, seed=5)
    await admin.send(f"/newevent Soak {args.photos}")
    question = await admin.expect_message(lambda m: bool(m.buttons))
    await admin.press(question, "No date")
    await admin.expect_message(lambda m: "start=ph_" in m.text)

    tally, stop = Tally(), asyncio.Event()
    guests = [FakeUser(api, FIRST_GUEST + n, f"Guest{n}") for n in range(args.guests)]
    loops = [asyncio.create_task(guest_loop(guest, event, stop, tally)) for guest in guests]
    loops.append(asyncio.create_task(stranger_loop(api, args.hostile_every, stop, tally)))
    try:
        seconds, indexed = await index_zip(admin, photos, args.max_seconds)
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(*loops, return_exceptions=True), SELFIE_TIMEOUT + 30)
    report(args, tally, seconds, indexed)


def report(args: argparse.Namespace, tally: Tally, seconds: float, indexed: int) -> None:
    latencies = sorted(tally.latencies)

    def percentile(share: float) -> str:
        if not latencies:
            return "-"
        return f"{latencies[min(len(latencies) - 1, int(share * len(latencies)))]:.2f}"

    rows = [
        ["guests / photos in the ZIP", f"{args.guests} / {args.photos}"],
        ["selfie -> album p50 (s)", f"{statistics.median(latencies):.2f}" if latencies else "-"],
        ["selfie -> album p95 (s)", percentile(0.95)],
        ["selfie -> album max (s)", f"{latencies[-1]:.2f}" if latencies else "-"],
        ["searches done (failed)", f"{len(latencies)} ({tally.failed_searches})"],
        ["hostile files sent / answered", f"{tally.hostile_sent} / {tally.hostile_answered}"],
        ["photos indexed / s", f"{indexed} in {seconds:.1f} s = {indexed / seconds:.1f}/s"],
        ["peak RSS (MB)", f"{peak_rss_mb():.0f}"],
        ["ERROR records / tracebacks in the log", f"{COUNTER.errors} / {COUNTER.tracebacks}"],
    ]
    print(tabulate(rows, headers=["soak", "result"], tablefmt="github"))
    for line in COUNTER.first:
        print("  error:", line)


COUNTER = ErrorCounter()


async def main(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger().addHandler(COUNTER)
    with tempfile.TemporaryDirectory() as folder:
        pack = resolve_pack(
            "buffalo_s", Path(folder) / "models", Path("~/.insightface").expanduser()
        )
        engine = FaceEngine(pack, ["CPUExecutionProvider"])
        engine.load()
        api = FakeBotAPI()
        await api.start()
        settings = settings_for(Path(folder) / "home", api).model_copy(
            update={
                "searches_per_hour": 100_000,
                "searches_per_day": 100_000,
                "guest_photos_per_minute": 1_000,
            }
        )
        try:
            async with bot_running(settings, engine) as running:
                await asyncio.wait_for(
                    soak(running, api, args, Path(folder)), args.max_seconds + SELFIE_TIMEOUT
                )
        finally:
            await api.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=1000, help="photos in the ZIP")
    parser.add_argument("--guests", type=int, default=20, help="guests searching meanwhile")
    parser.add_argument("--hostile-every", type=float, default=3.0, help="seconds between files")
    parser.add_argument("--max-seconds", type=float, default=1800.0, help="upper bound on the run")
    asyncio.run(main(parser.parse_args()))
