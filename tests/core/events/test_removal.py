"""Deleting an event removes its rows, vectors and originals, and nothing another event needs."""

from __future__ import annotations

import asyncio
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.events.removal import remove_event
from eventlens.core.reasons import Code, Reason
from eventlens.services import Services
from eventlens.storage.batches import BatchStore
from tests.conftest import jpeg


async def test_the_same_zip_pending_in_another_event_survives(services: Services) -> None:
    first = await services.events.create("first", "First", "buffalo_s")
    second = await services.events.create("second", "Second", "buffalo_s")
    batches = BatchStore(services.db)
    sha = services.blobs.put(b"PK\x03\x04 the same ZIP sent to both events")
    for event in (first, second):
        batch, _ = await batches.open_for(event.id, 1, 1, 1, "en")
        await batches.add_archive(batch.id, event.id, sha, "party.zip")

    await remove_event(
        services.events, services.photos, services.blobs, services.vectors, first.id, [sha]
    )

    assert services.blobs.exists(sha), "the second event still unpacks it"
    assert [a.event_id for a in await batches.pending_archives()] == [second.id]


async def test_an_upload_to_a_deleted_event_leaves_no_file(
    services: Services, t1_path: Path
) -> None:
    event = await services.events.create("gone", "Gone", "buffalo_s")
    await services.events.delete(event.id)

    result = await services.indexer.ingest(event.id, "late.jpg", t1_path.read_bytes(), "b1")

    assert (result.status, result.reason) == ("rejected", Reason(Code.EVENT_DELETED))
    assert [p for p in services.settings.blobs_dir.rglob("*") if p.is_file()] == []


async def test_a_job_finishing_after_its_event_was_deleted_leaves_no_collection(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    large = jpeg(cv2.resize(t1_image, None, fx=4.0, fy=4.0))
    await services.indexer.ingest(event.id, "big.jpg", large, "b1")
    worker = asyncio.create_task(services.indexer.work(lambda: True, event_id=event.id))
    while (await services.db.fetch_one("SELECT 1 FROM jobs WHERE status = 'running'")) is None:
        await asyncio.sleep(0.001)

    await remove_event(services.events, services.photos, services.blobs, services.vectors, event.id)
    await worker

    assert not services.vectors.exists(event.id)
    assert [p for p in services.settings.blobs_dir.rglob("*") if p.is_file()] == []


def _files_holding(folder: Path, needles: list[bytes]) -> set[str]:
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and any(needle in path.read_bytes() for needle in needles)
    }


async def test_a_deleted_event_leaves_no_face_in_any_file(
    services: Services, t1_path: Path, t1_image: NDArray[np.uint8]
) -> None:
    gone = await services.events.create("gone", "Gone", "buffalo_s")
    kept = await services.events.create("kept", "Kept", "buffalo_s")
    await services.indexer.ingest(gone.id, "t1.jpg", t1_path.read_bytes(), "b1")
    await services.indexer.ingest(kept.id, "flipped.jpg", jpeg(cv2.flip(t1_image, 1)), "b2")
    await services.indexer.work(lambda: True)
    faces = await services.photos.faces_of_event(gone.id)
    kept_faces = await services.photos.faces_of_event(kept.id)
    assert faces and kept_faces
    needles = [face.id.encode() for face in faces] + [
        face.embedding.astype(np.float32).tobytes()[:64] for face in faces
    ]
    home = services.settings.home
    assert any(name.startswith("chroma") for name in _files_holding(home, needles))

    await remove_event(services.events, services.photos, services.blobs, services.vectors, gone.id)
    await services.db.checkpoint()

    assert _files_holding(home, needles) == set()
    kept_needles = [face.embedding.astype(np.float32).tobytes()[:64] for face in kept_faces]
    assert any(name.startswith("chroma") for name in _files_holding(home, kept_needles))
    assert services.vectors.count(kept.id) == len(kept_faces)
