"""A burst in a guest's album: its best shot once, the others behind "similar (n)"."""

from __future__ import annotations

import cv2
import numpy as np
from aiogram.methods import SendPhoto
from numpy.typing import NDArray

from tests.bot.handlers.guest.steps import GUEST, join_payload, joined, selfie
from tests.bot.handlers.steps import event_card
from tests.bot.harness import ADMIN, BotHarness, callback_data, last_with_buttons
from tests.conftest import jpeg


async def test_a_soft_copy_of_a_photo_waits_behind_similar(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    card = await event_card(harness)
    soft = cv2.GaussianBlur(t1_image, (0, 0), 2)
    for image in (soft, t1_image):
        assert (await harness.send_photo(ADMIN, jpeg(np.asarray(image)))).texts == []
    await harness.app.services.indexer.work(lambda: True)
    await joined(harness, join_payload(card))

    album = await harness.send_photo(GUEST, selfie(t1_image))

    assert album.texts[-1].startswith("I found 1 photo of you in «Wedding».")
    assert "✖ 2" not in [label for label, _ in album.buttons()]
    sent = await harness.press(
        GUEST, callback_data(album, "1: similar (1)"), last_with_buttons(album)
    )
    (photo,) = sent.of(SendPhoto)
    assert photo.caption == "1"
    services = harness.app.services
    current = services.guests.album(GUEST.id)
    assert current is not None
    (shown,) = current.sure
    (other,) = current.similar_to(shown.photo_id)
    rows = await services.culling.of_photos([shown.photo_id, other.photo_id])
    assert rows[shown.photo_id].sharpness > rows[other.photo_id].sharpness
