"""A photographer uploads photos, an album and a ZIP, watches the progress message
and finds every photo indexed, then a guest's selfie finds exactly the right photos."""

from __future__ import annotations

import re

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.engine import FaceEngine
from eventlens.core.media.decode import decode_image
from eventlens.storage.blobs import sha256_hex
from tests.conftest import jpeg
from tests.e2e.conftest import RunningBot
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.flows import create_event, upload_summary
from tests.e2e.guest_flows import album_photo_ids, selfie_album
from tests.e2e.photos import event_photos, zip_of
from tests.e2e.telegram_user import FakeUser

GUEST_ID = 7001


def selfie_of_t1_centre(engine: FaceEngine, t1_image: NDArray[np.uint8]) -> bytes:
    """A tight portrait of the person nearest the middle of t1.jpg."""
    faces = engine.analyze(decode_image(jpeg(t1_image)))
    middle = t1_image.shape[1] / 2
    face = min(faces, key=lambda f: abs((f.box[0] + f.box[2]) / 2 - middle))
    x1, y1, x2, y2 = (int(v) for v in face.box)
    pad = (x2 - x1) // 2
    height, width = t1_image.shape[:2]
    crop = t1_image[
        max(0, y1 - pad) : min(height, y2 + pad), max(0, x1 - pad) : min(width, x2 + pad)
    ]
    return jpeg(np.asarray(cv2.resize(crop, None, fx=2.0, fy=2.0), dtype=np.uint8))


async def test_photos_album_and_zip_are_indexed_with_live_progress(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    engine: FaceEngine,
    t1_image: NDArray[np.uint8],
) -> None:
    card = await create_event(admin, "Gala")
    photos = event_photos(3 + 4 + 40, seed=1)

    singles = [await admin.send_photo(data) for data in photos[:3]]
    progress = await upload_summary(admin)
    assert progress.data["reply_to_message"]["message_id"] == singles[0].message_id
    assert "Photos indexed: 3" in progress.text and "Skipped" not in progress.text

    await admin.send_album(photos[3:7])
    album_progress = await upload_summary(admin)
    assert "Photos indexed: 4" in album_progress.text

    archive = zip_of(
        [(f"gala/img_{i:03d}.jpg", data) for i, data in enumerate(photos[7:])]
        + [("gala/notes.txt", b"shot list: ceremony, dinner, dance")]
    )
    await admin.send_document(archive, "gala.zip", "application/zip")
    zip_progress = await upload_summary(admin, timeout=120)
    zip_summary = zip_progress.text
    assert "Photos indexed: 40" in zip_summary
    assert "⚠️ Skipped: 1" in zip_summary
    assert "gala.zip:gala/notes.txt: not an image I can read" in zip_summary

    # One message per batch, edited in place, never faster than the throttle.
    assert zip_progress.history[0].startswith("⏳")
    for message in (progress, album_progress, zip_progress):
        assert "upload finished" in message.history[-1]
        gaps = np.diff(message.edited_at)
        assert (gaps >= 2.4).all(), gaps
    # 40 photos and the text file: the progress counted them while indexing went on.
    assert any(re.search(r"Photos: [1-9]\d* of 41 ", text) for text in zip_progress.history)

    services = running_bot.services
    event = await services.events.by_slug("gala")
    assert event is not None
    stored = await services.photos.of_event(event.id)
    assert len(stored) == 47 and all(photo.status == "indexed" for photo in stored)
    faces = await services.photos.faces_of_event(event.id)
    assert len(faces) > 47
    assert services.vectors.count(event.id) == len(faces)
    assert await services.jobs.pending(event.id) == 0

    # A guest of the event sends a selfie of someone in the t1 group photo, through Telegram.
    guest = FakeUser(fake_api, GUEST_ID)
    await guest.send(f"/start ev_{card.guest_token}")
    await guest.press(await guest.expect_message(lambda m: bool(m.buttons)), "Accept")
    await guest.expect_message(lambda m: "selfie" in m.text.lower())
    control = await selfie_album(guest, selfie_of_t1_centre(engine, t1_image))
    t1_shas = {sha256_hex(data) for data in photos[::2]}  # event_photos alternates t1, gdp
    from_t1 = {photo.id for photo in stored if photo.sha256 in t1_shas}
    assert album_photo_ids(control) <= from_t1
    album = services.guests.album(GUEST_ID)
    assert album is not None
    delivered = [
        item
        for call in fake_api.calls
        if call.method == "sendMediaGroup" and int(call.params.get("chat_id") or 0) == GUEST_ID
        for item in call.params["media"]
    ]
    assert len(delivered) == len(album.sure), "every sure photo arrives unasked"
    matched = set(album.photo_ids)
    assert matched <= from_t1, "someone from the other group photo was matched"
    assert len(matched) >= len(from_t1) // 2
