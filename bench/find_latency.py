"""End-to-end `find` latency on events of 10k and 100k faces.

    python -m bench.find_latency [--sizes 10000 100000] [--queries 40] [--store DIR]

Each query is what a guest's selfie costs: decode, detect, embed, Chroma search,
ranking and the SQLite lookups of the matched faces and photos. The store is filled with
synthetic people built around real embeddings: the six people of t1.jpg appear
~300 times each (perturbed like different shots of one person), and ~500 other
identities make up the rest, so the neighbourhood a query walks looks like a
real event's.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from bench.synthetic import face_tiles
from eventlens.core.faces.selfie import faces_in_selfie, subject
from eventlens.core.search.matches import search
from eventlens.services import Services
from eventlens.settings import Settings
from eventlens.storage.photos import face_id

FACES_PER_GUEST = 300
FACES_PER_PHOTO = 4


def _normalise(vectors: NDArray[np.float32]) -> NDArray[np.float32]:
    return np.asarray(vectors / np.linalg.norm(vectors, axis=-1, keepdims=True), np.float32)


def _shots(
    center: NDArray[np.float32], count: int, rng: np.random.Generator
) -> NDArray[np.float32]:
    """Embeddings of `count` photos of one person: ~0.55-0.8 cosine to the centre."""
    noise = rng.normal(size=(count, center.shape[0])).astype(np.float32)
    spread = rng.uniform(0.035, 0.06, size=(count, 1)).astype(np.float32)
    return _normalise(center[None, :] + noise * spread)


def population(
    guests: NDArray[np.float32], total: int, rng: np.random.Generator
) -> NDArray[np.float32]:
    parts = [_shots(center, FACES_PER_GUEST, rng) for center in guests]
    others = total - FACES_PER_GUEST * len(guests)
    identities = max(1, others // 200)
    centres = _normalise(rng.normal(size=(identities, guests.shape[1])).astype(np.float32))
    per = np.full(identities, others // identities)
    per[: others - int(per.sum())] += 1
    parts += [_shots(centre, int(count), rng) for centre, count in zip(centres, per, strict=True)]
    mixed = np.concatenate(parts)
    return mixed[rng.permutation(len(mixed))]


async def fill_event(services: Services, event_id: str, vectors: NDArray[np.float32]) -> None:
    photo_ids = [uuid.uuid4().hex for _ in range(len(vectors) // FACES_PER_PHOTO + 1)]
    async with services.db.transaction() as connection:
        await connection.executemany(
            "INSERT INTO photos (id, event_id, sha256, source, size_bytes, status, created_at) "
            "VALUES (?, ?, ?, ?, 0, 'indexed', 0)",
            [
                (
                    pid,
                    event_id,
                    pid,
                    f"photo-{n}.jpg",
                )
                for n, pid in enumerate(photo_ids)
            ],
        )
    owner = [photo_ids[n // FACES_PER_PHOTO] for n in range(len(vectors))]
    ids = [face_id(owner[n], n % FACES_PER_PHOTO) for n in range(len(vectors))]
    metadata = [{"photo_id": photo} for photo in owner]
    landmarks = np.zeros((5, 2), np.float32).tobytes()
    async with services.db.transaction() as connection:  # the rows a search reads
        await connection.executemany(
            "INSERT INTO faces (id, photo_id, event_id, face_index, x1, y1, x2, y2, landmarks, "
            "det_score, size_px, sharpness, quality, embedding) "
            "VALUES (?, ?, ?, ?, 0, 0, 100, 100, ?, 0.8, 100, 100, 0.9, ?)",
            [
                (
                    ids[n],
                    owner[n],
                    event_id,
                    n % FACES_PER_PHOTO,
                    landmarks,
                    vector.astype(np.float32).tobytes(),
                )
                for n, vector in enumerate(vectors)
            ],
        )
    for start in range(0, len(ids), 5000):
        await asyncio.to_thread(
            services.vectors.upsert,
            event_id,
            ids[start : start + 5000],
            vectors[start : start + 5000],
            metadata[start : start + 5000],
        )


async def _run(size: int, queries: int, home: Path) -> tuple[float, float, float, float]:
    services = await Services.open(Settings(home=home))
    try:
        rng = np.random.default_rng(size)
        tiles = face_tiles()
        selfies = [cv2.imencode(".jpg", tile)[1].tobytes() for tile in tiles]
        guests = np.stack(
            [subject(faces_in_selfie(services.engine, data)).embedding for data in selfies]
        )
        event = await services.events.by_slug(f"bench-{size}")
        fill_seconds = 0.0  # a kept store (--store) is reused as filled
        if event is None:
            event = await services.events.create(f"bench-{size}", "bench", "buffalo_s")
            fill_started = time.perf_counter()
            await fill_event(services, event.id, population(guests, size, rng))
            fill_seconds = time.perf_counter() - fill_started
        timings, found = [], []
        for index in range(queries + 3):
            data = selfies[index % len(selfies)]
            started = time.perf_counter()
            face = subject(await asyncio.to_thread(faces_in_selfie, services.engine, data))
            matches = await search(
                services.vectors,
                services.photos,
                services.people,
                event.id,
                [face.embedding],
                services.thresholds,
            )
            await services.photos.many([match.photo_id for match in matches])
            elapsed = time.perf_counter() - started
            if index >= 3:  # the first queries warm the HNSW index and the model
                timings.append(elapsed)
                found.append(len(matches))
        p50, p95 = np.percentile(timings, [50, 95]) * 1000
        return float(p50), float(p95), float(np.mean(found)), fill_seconds
    finally:
        await services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument(
        "--store", type=Path, help="keep the filled stores here and reuse them on later runs"
    )
    arguments = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = arguments.store or Path(scratch)
        for size in arguments.sizes:
            rows.append((size, *asyncio.run(_run(size, arguments.queries, folder / str(size)))))
    print("find latency, end to end (decode + detect + embed + search + photo lookup)")
    print(f"{'faces':>8} {'p50 ms':>8} {'p95 ms':>8} {'photos/query':>13} {'fill s':>7}")
    for size, p50, p95, found, fill in rows:
        print(f"{size:>8} {p50:>8.0f} {p95:>8.0f} {found:>13.0f} {fill:>7.0f}")


if __name__ == "__main__":
    main()
