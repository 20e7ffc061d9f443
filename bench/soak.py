"""Soak: guests keep searching while big ZIPs index and a stranger sends hostile files.

Runs the real bot in-process against the fake Bot API of the end-to-end tests (all on
127.0.0.1). A photographer's event of demo photos is indexed first; then `--guests`
guests join it and send their selfie again and again, while the photographer uploads
`--photos` generated photos to a second event, as ZIPs that each stay under the Bot
API's 20 MB download limit, and strangers send a hostile file every `--hostile-every`
seconds (a 10900x10900 PNG of 115 KB, random bytes as a photo, a ZIP that is no ZIP).
It stops when every ZIP's summary has arrived, or at `--max-seconds` with what was
reached by then, and prints: the guests' selfie-to-album latency, searches done,
hostile files answered, the process's peak RSS, ERROR records and tracebacks in the
bot's log, and photos indexed per second. The guests' hourly and per-minute caps are
raised, so what is measured is latency, not refusals.

    python bench/soak.py [--photos 1000] [--guests 20]
    python bench/soak.py --photos 150 --guests 5 --zip-mb 2    # a quick run, 3 ZIPs
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

from bench.bot_under_test import bot_under_test, loaded_engine
from tests.e2e.conftest import ADMIN_ID, RunningBot
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


def zip_parts(photos: list[bytes], limit: int) -> list[bytes]:
    """The photos as ZIPs that each stay under `limit` bytes (the Bot API's download
    limit: one ZIP of 1,000 photos would be refused as too large)."""
    budget = int(limit * 0.9)
    parts: list[list[tuple[str, bytes]]] = [[]]
    size = 0
    for index, data in enumerate(photos):
        if parts[-1] and size + len(data) + 200 > budget:
            parts.append([])
            size = 0
        parts[-1].append((f"soak/{index:04d}.jpg", data))
        size += len(data) + 200
    return [zip_of(part) for part in parts]


@dataclass
class Indexing:
    seconds: float = 0.0
    indexed: int = 0
    zips: int = 0
    finished: bool = False


async def index_zips(
    running: RunningBot,
    admin: FakeUser,
    event_id: str,
    photos: list[bytes],
    zip_bytes: int,
    limit: float,
) -> Indexing:
    """Upload the ZIPs; how far indexing came (photo rows no longer pending) and whether
    every progress message turned into its summary before `limit` seconds."""
    parts = zip_parts(photos, min(zip_bytes, running.settings.download_limit_bytes))
    seen = len(admin.messages())
    started = time.perf_counter()
    outcome = Indexing(zips=len(parts))
    for number, archive in enumerate(parts, 1):
        await admin.send_document(archive, f"soak-{number}.zip", "application/zip")
    while time.perf_counter() - started < limit:
        counts = await running.services.events.counts(event_id)
        outcome.indexed = counts.photos - counts.pending
        outcome.seconds = time.perf_counter() - started
        progress = [m for m in admin.messages()[seen:] if is_progress(m)]
        if outcome.indexed >= len(photos) and progress and all(map(is_summary, progress)):
            outcome.finished = True
            break
        await asyncio.sleep(0.5)
    return outcome


def is_progress(message: ChatMessage) -> bool:
    return message.history[0].startswith("⏳") or is_summary(message)


def is_summary(message: ChatMessage) -> bool:
    return "upload finished" in message.text


async def soak(running: RunningBot, api: FakeBotAPI, args: argparse.Namespace, home: Path) -> None:
    admin = FakeUser(api, ADMIN_ID, "Ada")
    event = await gala(running, api, admin, home / "demo")
    photos = event_photos(args.photos, seed=5)
    await admin.send(f"/newevent Soak {args.photos}")
    question = await admin.expect_message(lambda m: bool(m.buttons))
    await admin.press(question, "No date")
    await admin.expect_message(lambda m: "start=ph_" in m.text)
    soak_event = next(
        summary.event
        for summary in await running.services.events.summaries(ADMIN_ID)
        if summary.event.name == f"Soak {args.photos}"
    )

    tally, stop = Tally(), asyncio.Event()
    guests = [FakeUser(api, FIRST_GUEST + n, f"Guest{n}") for n in range(args.guests)]
    loops = [asyncio.create_task(guest_loop(guest, event, stop, tally)) for guest in guests]
    loops.append(asyncio.create_task(stranger_loop(api, args.hostile_every, stop, tally)))
    try:
        indexing = await index_zips(
            running, admin, soak_event.id, photos, int(args.zip_mb * 1024 * 1024), args.max_seconds
        )
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(*loops, return_exceptions=True), SELFIE_TIMEOUT + 30)
    report(args, tally, indexing)


def report(args: argparse.Namespace, tally: Tally, indexing: Indexing) -> None:
    latencies = sorted(tally.latencies)

    def percentile(share: float) -> str:
        if not latencies:
            return "-"
        return f"{latencies[min(len(latencies) - 1, int(share * len(latencies)))]:.2f}"

    seconds = max(indexing.seconds, 1e-9)
    rows = [
        ["guests / photos (ZIPs)", f"{args.guests} / {args.photos} ({indexing.zips})"],
        [
            "finished",
            "yes" if indexing.finished else f"no: stopped at --max-seconds {args.max_seconds:g}",
        ],
        ["selfie -> album p50 (s)", f"{statistics.median(latencies):.2f}" if latencies else "-"],
        ["selfie -> album p95 (s)", percentile(0.95)],
        ["selfie -> album max (s)", f"{latencies[-1]:.2f}" if latencies else "-"],
        ["searches done (failed)", f"{len(latencies)} ({tally.failed_searches})"],
        ["hostile files sent / answered", f"{tally.hostile_sent} / {tally.hostile_answered}"],
        [
            "photos indexed / s",
            f"{indexing.indexed} in {seconds:.1f} s = {indexing.indexed / seconds:.1f}/s",
        ],
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
        async with bot_under_test(
            Path(folder),
            loaded_engine(Path(folder)),
            searches_per_hour=100_000,
            searches_per_day=100_000,
            guest_photos_per_minute=1_000,
        ) as (running, api):
            await soak(running, api, args, Path(folder))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=1000, help="photos in the ZIP")
    parser.add_argument("--guests", type=int, default=20, help="guests searching meanwhile")
    parser.add_argument(
        "--zip-mb", type=float, default=20.0, help="largest ZIP (the Bot API limit is 20 MB)"
    )
    parser.add_argument("--hostile-every", type=float, default=3.0, help="seconds between files")
    parser.add_argument("--max-seconds", type=float, default=1800.0, help="upper bound on the run")
    asyncio.run(main(parser.parse_args()))
