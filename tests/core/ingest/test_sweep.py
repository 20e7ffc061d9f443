"""At start-up, originals and collections that no row points to are removed; the rest stays
(and, where other processes share the originals, what was written in the last hour)."""

from __future__ import annotations

import os
import time

import numpy as np

from eventlens.core.ingest.sweep import SHARED_GRACE_SECONDS, Swept, sweep
from eventlens.services import Services
from eventlens.storage.batches import BatchStore


async def test_only_what_no_row_needs_is_swept(services: Services) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    photo_sha = services.blobs.put(b"photo bytes")
    await services.photos.add(event.id, photo_sha, "a.jpg", 11, "b1")
    batches = BatchStore(services.db)
    batch, _ = await batches.open_for(event.id, 1, 1, 1, "en")
    zip_sha = services.blobs.put(b"PK\x03\x04 a zip still being unpacked")
    await batches.add_archive(batch.id, event.id, zip_sha, "party.zip")
    orphan_sha = services.blobs.put(b"written, then the process died before its row")
    half = services.blobs.path(orphan_sha).with_name("tmp123.part")
    half.write_bytes(b"half")
    services.vectors.upsert(
        "deleted-event", ["f-0"], np.ones((1, 512), np.float32), [{"photo_id": "p"}]
    )

    swept = await sweep(services.photos, services.blobs, services.vectors)

    assert swept == Swept(blobs=2, collections=1)
    assert services.blobs.exists(photo_sha) and services.blobs.exists(zip_sha)
    assert not services.blobs.exists(orphan_sha) and not half.exists()
    assert not services.vectors.exists("deleted-event")


async def test_watermarked_previews_of_gone_photos_and_events_are_swept(
    services: Services,
) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    photo, _ = await services.photos.add(event.id, services.blobs.put(b"kept"), "a.jpg", 4, "b1")
    cache = services.preview_cache
    cache.write(event.id, photo.id, 3, 1280, b"kept preview")
    cache.write(event.id, "deleted-photo", 3, 1280, b"left by a crash")
    cache.write("deleted-event", "some-photo", 1, 480, b"left by a crash")

    swept = await sweep(services.photos, services.blobs, services.vectors, cache)

    assert swept.blobs == 2
    assert cache.read(event.id, photo.id, 3, 1280) == b"kept preview"
    assert cache.read(event.id, "deleted-photo", 3, 1280) is None
    assert cache.event_ids() == {event.id}


async def test_shared_originals_written_lately_are_kept_for_the_process_writing_them(
    services: Services,
) -> None:
    fresh = services.blobs.put(b"another process is about to record this one's row")
    stale = services.blobs.put(b"left by a crash hours ago")
    hours_ago = time.time() - 2 * SHARED_GRACE_SECONDS
    os.utime(services.blobs.path(stale), (hours_ago, hours_ago))

    swept = await sweep(services.photos, services.blobs, services.vectors, shared=True)

    assert swept.blobs == 1
    assert services.blobs.exists(fresh) and not services.blobs.exists(stale)
