from __future__ import annotations

import asyncio
import errno
import os
from pathlib import Path

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from eventlens.core.ingest.indexer import Indexed, Outcome, Rejected
from eventlens.core.reasons import Code, Reason
from eventlens.services import Services
from eventlens.storage.jobs import MAX_ATTEMPTS, Skip
from tests.conftest import jpeg


def _variants(image: NDArray[np.uint8], count: int) -> list[bytes]:
    """Distinct photos of the same six people (different crops and exposure)."""
    height, width = image.shape[:2]
    return [
        jpeg(cv2.convertScaleAbs(image[: height - index, : width - index], alpha=1.0 + index / 50))
        for index in range(count)
    ]


async def _drain(services: Services, event_id: str) -> list[Outcome]:
    outcomes: list[Outcome] = []

    async def collect(outcome: Outcome) -> None:
        outcomes.append(outcome)

    await services.indexer.work(lambda: True, collect, event_id=event_id)
    return outcomes


def _blob_files(services: Services) -> list[Path]:
    return [path for path in services.settings.blobs_dir.rglob("*") if path.is_file()]


async def _face_counts(services: Services, event_id: str) -> tuple[int, int]:
    row = await services.db.fetch_one("SELECT COUNT(*) FROM faces WHERE event_id = ?", (event_id,))
    assert row is not None
    return int(row[0]), services.vectors.count(event_id)


async def test_a_photo_is_stored_queued_and_indexed(services: Services, t1_path: Path) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    result = await services.indexer.ingest(event.id, "t1.jpg", t1_path.read_bytes(), "b1")
    assert result.status == "queued"
    assert await services.jobs.pending(event.id) == 1

    outcomes = await _drain(services, event.id)

    assert [type(outcome) for outcome in outcomes] == [Indexed]
    assert await _face_counts(services, event.id) == (6, 6)
    photo = await services.photos.get(result.photo_id or "")
    assert photo is not None and photo.status == "indexed" and photo.face_count == 6
    assert services.blobs.exists(photo.sha256)
    progress = await services.jobs.progress("b1")
    assert (progress.total, progress.done, progress.faces) == (1, 1, 6)


async def test_the_same_bytes_twice_are_a_duplicate(services: Services, t1_path: Path) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    data = t1_path.read_bytes()
    await services.indexer.ingest(event.id, "first.jpg", data, "b1")
    await _drain(services, event.id)
    again = await services.indexer.ingest(event.id, "copy.jpg", data, "b2")
    assert again.status == "duplicate"
    assert again.reason == Reason(Code.DUPLICATE, {"source": "first.jpg"})
    assert len(await services.photos.of_event(event.id)) == 1


async def test_not_an_image_is_rejected_before_storage(services: Services) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    result = await services.indexer.ingest(event.id, "notes.jpg", b"plain text", "b1")
    assert result.status == "rejected"
    assert result.reason == Reason(Code.NOT_AN_IMAGE)
    assert await services.photos.of_event(event.id) == []
    assert _blob_files(services) == []


async def test_a_full_disk_refuses_the_upload_and_leaves_no_partial_blob(
    services: Services, t1_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")

    def disk_full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)  # the write fails half-way through
    result = await services.indexer.ingest(event.id, "t1.jpg", t1_path.read_bytes(), "b1")

    assert result.status == "rejected"
    assert result.reason == Reason(Code.STORAGE_FULL)
    assert await services.photos.of_event(event.id) == []
    assert _blob_files(services) == []


async def test_a_file_corrupt_past_its_header_is_removed_and_reported(
    services: Services, t1_path: Path
) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    data = t1_path.read_bytes()
    truncated = data[: len(data) // 2]
    result = await services.indexer.ingest(event.id, "cut.jpg", truncated, "b1")
    assert result.status == "queued"

    outcomes = await _drain(services, event.id)

    assert len(outcomes) == 1 and isinstance(outcomes[0], Rejected)
    assert outcomes[0].reason == Reason(Code.JPEG_TRUNCATED)
    assert await services.photos.of_event(event.id) == []
    assert _blob_files(services) == []
    skips = await services.jobs.skips("b1")
    assert skips == [Skip("cut.jpg", Reason(Code.JPEG_TRUNCATED))]


async def test_a_crash_mid_batch_ends_with_every_photo_indexed_once(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    for index, data in enumerate(_variants(t1_image, 6)):
        await services.indexer.ingest(event.id, f"{index}.jpg", data, "b1")
    # A worker claimed three jobs and died: one photo's vectors were written, its rows not.
    claimed = await services.jobs.claim(3, event.model_pack, event.id)
    first = await services.photos.get(claimed[0].photo_id)
    assert first is not None
    vector = np.ones((1, 512), dtype=np.float32) / np.sqrt(512)
    services.vectors.upsert(event.id, [f"{first.id}-0"], vector, [{"photo_id": first.id}])

    outcomes = await _drain(services, event.id)

    assert sum(isinstance(outcome, Indexed) for outcome in outcomes) == 6
    photos = await services.photos.of_event(event.id)
    assert len(photos) == 6 and all(photo.status == "indexed" for photo in photos)
    faces, vectors = await _face_counts(services, event.id)
    assert faces == vectors == sum(photo.face_count for photo in photos) >= 30
    assert await services.jobs.pending(event.id) == 0


async def test_removing_a_photo_removes_it_everywhere(services: Services, t1_path: Path) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    result = await services.indexer.ingest(event.id, "t1.jpg", t1_path.read_bytes(), "b1")
    await _drain(services, event.id)
    photo = await services.photos.get(result.photo_id or "")
    assert photo is not None

    assert await services.indexer.remove_photo(photo.id)

    assert await services.photos.get(photo.id) is None
    assert await _face_counts(services, event.id) == (0, 0)
    assert not services.blobs.exists(photo.sha256)


async def test_a_photo_deleted_while_it_is_indexed_leaves_no_vectors(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    large = jpeg(cv2.resize(t1_image, None, fx=4.0, fy=4.0))  # a long decode + detect window
    doomed = await services.indexer.ingest(event.id, "doomed.jpg", large, "b1")
    kept = await services.indexer.ingest(event.id, "kept.jpg", jpeg(t1_image), "b1")
    worker = asyncio.create_task(_drain(services, event.id))
    while (await services.db.fetch_one("SELECT 1 FROM jobs WHERE status = 'running'")) is None:
        await asyncio.sleep(0.001)

    assert await services.indexer.remove_photo(doomed.photo_id or "")  # the photographer's /delete
    outcomes = await worker

    assert [outcome.job.photo_id for outcome in outcomes] == [kept.photo_id]
    assert await _face_counts(services, event.id) == (6, 6), "only the kept photo's faces"
    assert await services.photos.get(doomed.photo_id or "") is None


async def test_a_photo_that_keeps_killing_the_worker_is_set_aside(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    deadly, fine = _variants(t1_image, 2)
    killer = await services.indexer.ingest(event.id, "deadly.jpg", deadly, "b1")
    await services.indexer.ingest(event.id, "fine.jpg", fine, "b1")
    for _ in range(MAX_ATTEMPTS):  # claimed, then the process died (OOM, segfault)
        claimed = await services.jobs.claim(1, event.model_pack, event.id)
        assert [job.photo_id for job in claimed] == [killer.photo_id]
        await services.jobs.requeue_running()

    outcomes = await _drain(services, event.id)

    rejected = [outcome for outcome in outcomes if isinstance(outcome, Rejected)]
    assert [(r.job.source, r.reason) for r in rejected] == [
        ("deadly.jpg", Reason(Code.PROCESSING_CRASHED, {"attempts": MAX_ATTEMPTS}))
    ]
    assert sum(isinstance(outcome, Indexed) for outcome in outcomes) == 1
    assert [skip.source for skip in await services.jobs.skips("b1")] == ["deadly.jpg"]
    assert await services.photos.get(killer.photo_id or "") is None
