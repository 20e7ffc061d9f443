"""Camera files without a chat: RAW files and RAW+JPEG pairs of one frame become one photo."""

from __future__ import annotations

import numpy as np

from eventlens.core.ingest.intake import Origin
from eventlens.core.ingest.sweep import sweep
from eventlens.services import Services
from eventlens.storage.events import Event
from eventlens.storage.raw_originals import RawOriginalStore
from tests.conftest import jpeg
from tests.core.media.dng import dng

ORIGIN = Origin(user_id=7, chat_id=7, message_id=0, locale="en")


def _frame(seed: int) -> tuple[bytes, bytes]:
    """A camera's JPEG and a RAW that embeds a large preview of it."""
    image = np.random.default_rng(seed).integers(0, 255, (1200, 1600, 3), np.uint8)
    shown = jpeg(image)
    return shown, dng(shown, (1600, 1200), (64, 48))


async def _event(services: Services) -> Event:
    return await services.events.create("gala", "Gala", services.engine.pack.name, owner_id=7)


async def _photos(services: Services, event: Event) -> list[tuple[str, str, str | None]]:
    """(source, stored sha, RAW original name) of each photo."""
    raws = RawOriginalStore(services.db)
    found = []
    for photo in await services.photos.of_event(event.id):
        raw = await raws.of_photo(photo.id)
        found.append((photo.source, photo.sha256, raw[1] if raw else None))
    return sorted(found)


async def test_a_raw_alone_is_shown_as_its_preview_and_kept_as_the_original(
    services: Services,
) -> None:
    event = await _event(services)
    _, raw = _frame(1)

    result = await services.frames.take(event, ORIGIN, "DSC_0001.NEF", raw)

    assert result.status == "queued"
    [(source, sha, original)] = await _photos(services, event)
    assert (source, original) == ("DSC_0001.NEF", "DSC_0001.NEF")
    assert services.blobs.get(sha)[:2] == b"\xff\xd8", "a JPEG is what albums get"


async def test_jpeg_then_raw_of_one_frame_is_one_photo_with_the_raw_original(
    services: Services,
) -> None:
    event = await _event(services)
    shown, raw = _frame(2)

    await services.frames.take(event, ORIGIN, "DSC_0002.JPG", shown)
    await services.frames.take(event, ORIGIN, "DSC_0002.NEF", raw)

    [(source, sha, original)] = await _photos(services, event)
    assert (source, original) == ("DSC_0002.JPG", "DSC_0002.NEF")
    assert services.blobs.get(sha) == shown


async def test_raw_then_jpeg_of_one_frame_ends_as_the_jpeg_with_the_raw_original(
    services: Services,
) -> None:
    event = await _event(services)
    shown, raw = _frame(3)

    await services.frames.take(event, ORIGIN, "IMG_0003.CR2", raw)
    await services.frames.take(event, ORIGIN, "IMG_0003.jpg", shown)

    [(source, sha, original)] = await _photos(services, event)
    assert (source, original) == ("IMG_0003.jpg", "IMG_0003.CR2")
    assert services.blobs.get(sha) == shown


async def test_a_broken_raw_is_a_skip_of_the_batch(services: Services) -> None:
    event = await _event(services)

    result = await services.frames.take(event, ORIGIN, "bad.dng", b"II*\0" + b"\0" * 64)

    assert result.status == "rejected"
    [batch] = await services.batches.open()
    assert [skip.source for skip in await services.batches.skips(batch.id)] == ["bad.dng"]
    assert await _photos(services, event) == []


async def test_the_start_up_sweep_keeps_raw_originals(services: Services) -> None:
    event = await _event(services)
    _, raw = _frame(4)
    result = await services.frames.take(event, ORIGIN, "DSC_0004.ARW", raw)
    assert result.photo_id is not None
    kept = await RawOriginalStore(services.db).of_photo(result.photo_id)
    assert kept is not None

    await sweep(services.photos, services.blobs, services.vectors)

    assert services.blobs.get(kept[0]) == raw
