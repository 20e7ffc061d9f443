"""Stored ZIPs are unpacked into their batch; one that keeps killing the process is not."""

from __future__ import annotations

import io
import zipfile

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.reasons import Code, Reason
from eventlens.services import Services
from eventlens.storage.batches import BatchStore
from eventlens.storage.jobs import MAX_ATTEMPTS
from tests.conftest import jpeg


def _zip_of(image: NDArray[np.uint8], count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(count):
            archive.writestr(f"{index}.jpg", jpeg(cv2.convertScaleAbs(image, beta=index * 9)))
    return buffer.getvalue()


async def _stored_zip(services: Services, data: bytes) -> tuple[BatchStore, str]:
    event = await services.events.create("party", "Party", "buffalo_s")
    batches = BatchStore(services.db)
    batch, _ = await batches.open_for(event.id, 1, 1, 1, "en")
    await batches.add_archive(batch.id, event.id, services.blobs.put(data), "party.zip")
    return batches, batch.id


async def test_every_entry_of_a_zip_is_queued_in_its_batch(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    batches, batch_id = await _stored_zip(services, _zip_of(t1_image, 3))

    await services.loops.unpacker.unpack_pending()

    assert (await services.jobs.progress(batch_id)).total == 3
    assert await batches.pending_archives() == []


async def test_the_entry_that_keeps_killing_the_process_is_set_aside(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    batches, batch_id = await _stored_zip(services, _zip_of(t1_image, 3))
    (archive,) = await batches.pending_archives()
    for _ in range(MAX_ATTEMPTS):  # three starts that died before saving anything
        await batches.start_archive(archive)
        (archive,) = await batches.pending_archives()

    await services.loops.unpacker.unpack_pending()

    assert (await services.jobs.progress(batch_id)).total == 2, "the other entries go on"
    skips = await batches.skips(batch_id)
    assert [(skip.source, skip.reason) for skip in skips] == [
        ("party.zip:0.jpg", Reason(Code.PROCESSING_CRASHED, {"attempts": MAX_ATTEMPTS}))
    ]
