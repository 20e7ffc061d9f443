"""A crowd of guests searching at once over a large event while photos index.

    python -m bench.crowd [--guests 1 8] [--faces 100000] [--rounds 3] [--backlog 300]

Each guest sends a real selfie (a face of insightface's t1.jpg) to
`GuestDesk.photo`, as the bot does, all guests of a round at the same moment; the
clock runs from the selfie's bytes until the album's first photo is ready to send
(`AlbumFiles.preview`, what the bot uploads first). The event holds `--faces`
synthetic faces around the guests' real embeddings (as `bench.find_latency`
fills it; every synthetic photo shows one real picture) plus one real indexed
photo per guest. Meanwhile the indexing worker works through a backlog of generated
event photos in another event: its photos/s is measured alone first, then during
the crowd. Targets (idle 2-core machine): 8 guests p95 <= 1.5 s at 100k faces.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from bench.find_latency import fill_event, population
from bench.synthetic import background, event_photo, face_tiles
from eventlens.core.faces.selfie import faces_in_selfie, subject
from eventlens.core.guests.outcomes import AlbumReady
from eventlens.core.ingest.indexer import Indexed, Outcome
from eventlens.services import Services
from eventlens.settings import Settings
from eventlens.storage.blobs import BlobStore
from eventlens.storage.events import Event

WARM_UP = 1.0  # seconds of indexing left out of its rate alone (the first batch decodes)
PLENTY = 1_000_000  # caps meant for people, lifted: the bench measures latency, not refusals


def _jpeg(image: NDArray[np.uint8]) -> bytes:
    return bytes(cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 90])[1])


def _portrait(tile: NDArray[np.uint8], rng: np.random.Generator) -> bytes:
    """A 1600x1067 photo with one guest in it: the first photo of their album."""
    canvas = background(1600, 1067, rng)
    scaled = cv2.resize(tile, (360, int(360 * tile.shape[0] / tile.shape[1])))
    canvas[200 : 200 + scaled.shape[0], 600 : 600 + scaled.shape[1]] = scaled
    return _jpeg(canvas)


def _link_all(picture: Path, blobs: BlobStore, hashes: Sequence[str]) -> None:
    """Every synthetic photo shows one real picture (hard links: no copies)."""
    for sha256 in hashes:
        target = blobs.path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(picture, target)


async def _prepare(services: Services, faces: int, backlog: int, size: tuple[int, int]) -> Event:
    rng = np.random.default_rng(faces)
    tiles = face_tiles()
    centres = np.stack(
        [subject(faces_in_selfie(services.engine, _jpeg(tile))).embedding for tile in tiles]
    )
    event = await services.events.create("crowd", "Crowd", services.engine.pack.name)
    await fill_event(services, event.id, population(centres, faces, rng))
    stand_in = await asyncio.to_thread(services.blobs.put, _portrait(tiles[0], rng))
    fake = [photo.sha256 for photo in await services.photos.of_event(event.id)]
    await asyncio.to_thread(_link_all, services.blobs.path(stand_in), services.blobs, fake)
    for number, tile in enumerate(tiles):
        await services.indexer.ingest(event.id, f"guest-{number}.jpg", _portrait(tile, rng), "b")
    await services.indexer.work(until_idle=lambda: True, event_id=event.id)
    later = await services.events.create("backlog", "Backlog", services.engine.pack.name)
    for number in range(backlog):
        photo = event_photo(size, int(rng.integers(1, 5)), rng, tiles)
        await services.indexer.ingest(later.id, f"{number:04d}.jpg", _jpeg(photo), "b")
    return event


async def _join(services: Services, event: Event, guests: int) -> None:
    for guest in range(1, guests + 1):
        await services.guests.join(guest, f"ev_{event.guest_token}")
        await services.guests.accept(guest, event.id)


async def _first_photo_ready(services: Services, guest: int, selfie: bytes) -> float:
    started = time.perf_counter()
    found = await services.guests.photo(guest, selfie)
    if not isinstance(found, AlbumReady) or not found.album.sure:
        raise SystemExit(f"guest {guest} found no sure photo: {found!r}")
    (photo,) = await services.album_files.photos([found.album.sure[0].photo_id])
    await services.album_files.preview(photo)
    return time.perf_counter() - started


class _Indexing:
    """The indexing worker in the background, with the time of each indexed photo."""

    def __init__(self, services: Services) -> None:
        self.stamps: list[float] = []
        self._task = asyncio.create_task(
            services.indexer.work(until_idle=lambda: False, on_outcome=self._done)
        )

    async def _done(self, outcome: Outcome) -> None:
        if isinstance(outcome, Indexed):
            self.stamps.append(time.perf_counter())

    def rate(self, start: float, end: float) -> float:
        return sum(start <= stamp <= end for stamp in self.stamps) / max(end - start, 1e-9)

    async def stop(self) -> None:
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)


async def _run(
    home: Path,
    crowds: Sequence[int],
    faces: int,
    rounds: int,
    backlog: int,
    size: tuple[int, int],
    baseline: float,
) -> tuple[float, list[tuple[int, float, float, float, float]]]:
    settings = Settings(
        home=home,
        searches_per_hour=PLENTY,
        searches_per_day=PLENTY,
        guest_photos_per_minute=PLENTY,
    )
    services = await Services.open(settings)
    try:
        event = await _prepare(services, faces, backlog, size)
        selfies = [_jpeg(tile) for tile in face_tiles()]
        await _join(services, event, max(*crowds, len(selfies)))
        for guest, selfie in enumerate(selfies, start=1):  # warm the guest lane and the index
            await _first_photo_ready(services, guest, selfie)
        indexing = _Indexing(services)
        await asyncio.sleep(baseline)
        alone = indexing.rate(time.perf_counter() - baseline + WARM_UP, time.perf_counter())
        rows = []
        for crowd in crowds:
            timings: list[float] = []
            began = time.perf_counter()
            for _ in range(rounds):
                timings += await asyncio.gather(
                    *(
                        _first_photo_ready(services, guest, selfies[(guest - 1) % len(selfies)])
                        for guest in range(1, crowd + 1)
                    )
                )
            rate = indexing.rate(began, time.perf_counter())
            p50, p95 = np.percentile(timings, [50, 95])
            rows.append((crowd, float(p50), float(p95), max(timings), rate))
        await indexing.stop()
        if not indexing.stamps:
            raise SystemExit("the backlog ran dry before the crowd: raise --backlog")
        return alone, rows
    finally:
        await services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--guests", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--faces", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backlog", type=int, default=300, help="photos queued for indexing")
    parser.add_argument("--photo-size", type=int, nargs=2, default=[2000, 1333])
    parser.add_argument("--baseline", type=float, default=10.0, help="seconds of indexing alone")
    arguments = parser.parse_args()
    size = (arguments.photo_size[0], arguments.photo_size[1])
    with tempfile.TemporaryDirectory() as scratch:
        alone, rows = asyncio.run(
            _run(
                Path(scratch),
                arguments.guests,
                arguments.faces,
                arguments.rounds,
                arguments.backlog,
                size,
                arguments.baseline,
            )
        )
    print(
        f"crowd: {arguments.faces} faces, {arguments.rounds} rounds, backlog of "
        f"{size[0]}x{size[1]} photos indexing at {alone:.2f} photos/s alone"
    )
    print("selfie bytes -> first album photo ready (server side), all guests at once")
    print(f"{'guests':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7} {'indexing photos/s':>18}")
    for crowd, p50, p95, worst, rate in rows:
        print(f"{crowd:>6} {p50:>7.2f} {p95:>7.2f} {worst:>7.2f} {rate:>18.2f}")


if __name__ == "__main__":
    main()
