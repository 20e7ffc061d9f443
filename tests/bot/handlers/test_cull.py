"""/cull: the flagged photos on a contact sheet, hidden from guests in one tap."""

from __future__ import annotations

import cv2
import numpy as np
from aiogram.methods import AnswerCallbackQuery, EditMessageCaption, SendPhoto
from aiogram.types import BufferedInputFile
from numpy.typing import NDArray

from eventlens.storage.hidden_photos import HiddenPhotoStore
from tests.bot.handlers.steps import event_card
from tests.bot.harness import ADMIN, BotHarness, callback_data, last_with_buttons
from tests.conftest import jpeg


async def test_nothing_to_cull_in_an_event_of_good_photos(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await event_card(harness, "Wedding")
    await harness.send_photo(ADMIN, jpeg(t1_image))
    await harness.app.services.indexer.work(lambda: True)

    replies = await harness.send(ADMIN, "/cull")

    assert replies.texts == ["Nothing to cull in «Wedding»: 1 photo checked."]


async def test_a_blurred_shot_is_shown_and_hidden_from_guests_in_one_tap(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await event_card(harness, "Wedding")
    await harness.send_photo(ADMIN, jpeg(t1_image))
    await harness.send_photo(ADMIN, jpeg(cv2.GaussianBlur(t1_image, (0, 0), 5)))
    services = harness.app.services
    await services.indexer.work(lambda: True)
    (event,) = [line.membership.event for line in await services.desk.events(ADMIN.id)]

    replies = await harness.send(ADMIN, "/cull")

    (sheet,) = replies.of(SendPhoto)
    assert sheet.caption is not None
    assert sheet.caption.startswith("«Wedding»: 1 of 2 photos flagged, still shown to guests.")
    assert isinstance(sheet.photo, BufferedInputFile)
    decoded = cv2.imdecode(np.frombuffer(sheet.photo.data, np.uint8), cv2.IMREAD_COLOR)
    assert decoded is not None and decoded.shape[0] > 100
    pressed = await harness.press(
        ADMIN, callback_data(replies, "Hide 1 photo from guests"), last_with_buttons(replies)
    )
    (answer,) = pressed.of(AnswerCallbackQuery)
    assert answer.text == "1 photo hidden from guests: albums, share links and live updates."
    assert len(pressed.of(EditMessageCaption)) == 1
    (flag,) = (await services.cull.report_for(event)).flagged
    assert flag.hidden and await services.culling.hidden(event.id) == {flag.photo_id}
    assert flag.photo_id in await HiddenPhotoStore(services.db).hidden_from(1234, event.id)
    assert (await harness.send(ADMIN, "/cull")).texts == [
        "Nothing to cull in «Wedding»: 2 photos checked."
    ]
