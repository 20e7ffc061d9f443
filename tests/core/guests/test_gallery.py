"""What a share-link token opens: that album's photos by position, until it dies."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from eventlens.core.errors import ShareLinkGoneError, ShareLinkNotFoundError
from eventlens.core.guests.gallery import SharedAlbums
from eventlens.core.media.previews import GRID_LONG_SIDE
from eventlens.services import Services
from eventlens.storage.event_numbers import EventNumbers
from tests.conftest import jpeg
from tests.demo_event import joined

GUEST = 4004
NOW = 1_700_000_000.0


async def _photos(services: Services, event_id: str, count: int) -> list[str]:
    ids = []
    for number in range(count):
        shade = np.full((900, 1200, 3), 40 * number + 20, dtype=np.uint8)
        result = await services.indexer.ingest(event_id, f"{number}.jpg", jpeg(shade), "b")
        assert result.photo_id is not None
        ids.append(result.photo_id)
    return ids


async def test_a_token_opens_its_album_only_in_order_until_revoked(services: Services) -> None:
    event = await services.events.create("party", "Party", services.engine.pack.name)
    await joined(services, GUEST, event)
    first, second, _outside = await _photos(services, event.id, 3)
    link = await services.share_links.create(GUEST, event.id, [second, first], NOW)
    clock = [NOW + 1]
    albums = SharedAlbums(
        services.share_links,
        services.events,
        services.photos,
        services.blobs,
        EventNumbers(services.db),
        services.previews,
        clock=lambda: clock[0],
    )

    album = await albums.open(link.token)

    assert (album.slug, album.event_name) == ("party", "Party")
    assert [photo.id for photo in album.photos] == [second, first]  # never `other`
    with pytest.raises(ShareLinkNotFoundError):
        album.photo(3)
    preview = Image.open(io.BytesIO(await albums.preview(link.token, 1)))
    assert max(preview.size) == GRID_LONG_SIDE
    original = await albums.original(link.token, 2)
    assert original.name == "party-002.jpg" and original.image.mime == "image/jpeg"
    assert [shared.name async for shared in albums.files(album)] == [
        "party-001.jpg",
        "party-002.jpg",
    ]
    with pytest.raises(ShareLinkNotFoundError):
        await albums.open(link.token[:-2] + "AA")
    await services.share_links.revoke(GUEST, link.record.id, NOW + 2)
    with pytest.raises(ShareLinkGoneError):
        await albums.preview(link.token, 1)


async def test_a_re_encoded_original_is_made_once_and_goes_with_its_photo(
    services: Services,
) -> None:
    event = await services.events.create("party", "Party", services.engine.pack.name)
    await joined(services, GUEST, event)
    png = io.BytesIO()
    Image.fromarray(np.full((300, 400, 3), 90, dtype=np.uint8)).save(png, "PNG")
    result = await services.indexer.ingest(event.id, "scan.png", png.getvalue(), "b")
    assert result.photo_id is not None
    link = await services.share_links.create(GUEST, event.id, [result.photo_id], NOW)
    albums = SharedAlbums(
        services.share_links,
        services.events,
        services.photos,
        services.blobs,
        EventNumbers(services.db),
        services.previews,
        lambda: NOW,
    )
    try:
        first = await albums.original(link.token, 1)
        photo = await services.photos.get(result.photo_id)
        assert photo is not None
        kept = services.blobs.derived(photo.sha256, "shared.jpg")
        assert first.image.mime == "image/jpeg" and kept.read_bytes() == first.image.data
        assert (await albums.original(link.token, 1)).image.data == first.image.data

        await services.indexer.remove_photo(photo.id)
        assert not kept.exists(), "the kept copy goes with its original"
    finally:
        albums.close()
