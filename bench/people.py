"""Incremental people clustering: time to place one new photo's faces at event sizes.

The event is filled with synthetic ArcFace-like embeddings (identities as random
unit vectors, each face its identity plus noise, same-person similarity ~0.6),
written as the indexer writes them (SQLite rows and the Chroma collection), and
its people are seeded from the true identities (`--full` also times the full
re-clustering, the nightly repair, which grows with N^2); then new photos of four
faces each are placed one by one. "right person" counts new faces that joined
the person seeded from their identity.

    python -m bench.people --faces 10000 100000 --photos 50 [--full]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from tabulate import tabulate

from eventlens.core.faces.calibration import thresholds_for
from eventlens.core.ingest.indexer import upsert_faces
from eventlens.core.people.clusters import person_record, recluster
from eventlens.core.people.incremental import IncrementalPeople
from eventlens.storage.db import Database
from eventlens.storage.events import EventStore
from eventlens.storage.people import PeopleStore
from eventlens.storage.photos import FaceRecord, PhotoStore, face_id
from eventlens.storage.vectors import VectorStore

FACES_PER_PHOTO = 4
DIMENSIONS = 512
FILL_BATCH = 4096


def _faces(
    photo_id: str, event_id: str, identities: NDArray[np.float32], rng: np.random.Generator
) -> list[tuple[FaceRecord, int]]:
    """Four faces of four different people, each with its true identity."""
    people = rng.choice(len(identities), FACES_PER_PHOTO, replace=False)
    faces = []
    for index, person in enumerate(people):
        vector = identities[person] + rng.normal(0, 0.035, DIMENSIONS).astype(np.float32)
        record = FaceRecord(
            id=face_id(photo_id, index),
            photo_id=photo_id,
            event_id=event_id,
            face_index=index,
            box=(0.0, 0.0, 100.0, 100.0),
            landmarks=np.zeros((5, 2), np.float32),
            det_score=0.9,
            size_px=100.0,
            sharpness=100.0,
            quality=0.9,
            embedding=(vector / np.linalg.norm(vector)).astype(np.float32),
        )
        faces.append((record, int(person)))
    return faces


async def _photo(
    photos: PhotoStore, event_id: str, identities: NDArray[np.float32], rng: np.random.Generator
) -> list[tuple[FaceRecord, int]]:
    """One photo's rows in SQLite; the caller writes its vectors (in batches when filling)."""
    photo, _ = await photos.add(event_id, uuid.uuid4().hex, "synthetic.jpg", 1, "bench")
    faces = _faces(photo.id, event_id, identities, rng)
    await photos.save_faces(photo.id, 4000, 3000, [face for face, _ in faces])
    return faces


async def _seed(
    people: PeopleStore, event_id: str, faces: list[tuple[FaceRecord, int]]
) -> dict[str, int]:
    """The event's people from the true identities; returns person id -> identity."""
    members: dict[int, list[int]] = {}
    for index, (_, identity) in enumerate(faces):
        members.setdefault(identity, []).append(index)
    records = [face for face, _ in faces]
    seeded = {
        identity: person_record(event_id, records, group) for identity, group in members.items()
    }
    await people.replace(event_id, list(seeded.values()))
    return {person.id: identity for identity, person in seeded.items()}


async def measure(size: int, new_photos: int, full: bool, folder: Path) -> list[object]:
    rng = np.random.default_rng(size)
    identities = rng.normal(0, 1, (max(50, size // 20), DIMENSIONS)).astype(np.float32)
    identities /= np.linalg.norm(identities, axis=1, keepdims=True)
    db = await Database.open(folder / "bench.db")
    vectors = VectorStore.embedded(folder / "chroma")
    photos, people = PhotoStore(db), PeopleStore(db)
    event = await EventStore(db).create(f"bench-{size}", "Bench", "buffalo_s", 1, None)
    thresholds = thresholds_for("buffalo_s")
    try:
        everyone: list[tuple[FaceRecord, int]] = []
        pending: list[FaceRecord] = []
        for number in range(size // FACES_PER_PHOTO):
            faces = await _photo(photos, event.id, identities, rng)
            everyone += faces
            pending += [face for face, _ in faces]
            if len(pending) >= FILL_BATCH or number == size // FACES_PER_PHOTO - 1:
                await asyncio.to_thread(upsert_faces, vectors, event.id, pending)
                pending = []
        truth = await _seed(people, event.id, everyone)
        repair = "-"
        if full:
            started = time.perf_counter()
            await recluster(photos, people, event.id, thresholds)
            repair = f"{time.perf_counter() - started:.1f}"
        placer = IncrementalPeople(photos, people, vectors, thresholds)
        timings, right = [], 0
        for _ in range(new_photos):
            faces = await _photo(photos, event.id, identities, rng)
            records = [face for face, _ in faces]
            await asyncio.to_thread(upsert_faces, vectors, event.id, records)  # as indexing does
            started = time.perf_counter()
            await placer.place_photo(records)
            timings.append(time.perf_counter() - started)
            owners = await people.of_faces([face.id for face in records])
            right += sum(truth.get(owners.get(face.id, ""), -1) == who for face, who in faces)
    finally:
        await db.close()
    return [
        size,
        new_photos,
        f"{statistics.median(timings) * 1000:.1f}",
        f"{max(timings) * 1000:.1f}",
        f"{right / (new_photos * FACES_PER_PHOTO):.0%}",
        repair,
    ]


async def main(sizes: list[int], new_photos: int, full: bool) -> None:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            rows.append(await measure(size, new_photos, full, Path(folder)))
    headers = ["faces", "new photos", "median ms/photo", "max ms", "right person", "full s"]
    print(tabulate(rows, headers=headers))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faces", type=int, nargs="+", default=[10_000])
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--full", action="store_true", help="also time the full re-clustering")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.faces, arguments.photos, arguments.full))
