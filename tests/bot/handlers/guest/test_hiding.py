""" "Hide from others": a guest hides a photo of themselves from other guests where the
photographer's /hiding switch allows it; the photographer lists what was hidden."""

from __future__ import annotations

import numpy as np
from aiogram.methods import AnswerCallbackQuery, EditMessageText
from numpy.typing import NDArray

from eventlens.bot.keyboards.guest import PhotoAction
from tests.bot.handlers.guest.steps import GUEST, indexed_event, joined, selfie
from tests.bot.harness import ADMIN, BotHarness, callback_data, last_with_buttons, person

OTHER = person(7010, "Ola")
OFF = "The photographer does not let guests hide photos in this event."


async def test_a_guest_hides_a_photo_from_other_guests_once_the_photographer_allows_it(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    payload = await indexed_event(harness, t1_image)
    await joined(harness, payload)
    await joined(harness, payload, OTHER)
    album = await harness.send_photo(GUEST, selfie(t1_image))
    assert not any(label.startswith("🙈") for label, _ in album.buttons())
    face = PhotoAction.unpack(callback_data(album, "⬇ 1")).face_id
    forged = await harness.press(
        GUEST, PhotoAction(action="hide", face_id=face), last_with_buttons(album)
    )
    (refused,) = forged.of(AnswerCallbackQuery)
    assert refused.text == OFF

    switch = await harness.send(ADMIN, "/hiding")
    assert switch.texts == [
        "In «Wedding», guests may not hide photos of themselves from other guests."
    ]
    allowed = await harness.press(
        ADMIN, callback_data(switch, "Let guests hide photos"), last_with_buttons(switch)
    )
    (edit,) = allowed.of(EditMessageText)
    assert edit.text.startswith("In «Wedding», guests may hide photos")

    album = await harness.send_photo(GUEST, selfie(t1_image))
    hidden = await harness.press(GUEST, callback_data(album, "🙈 1"), last_with_buttons(album))

    (answer,) = hidden.of(AnswerCallbackQuery)
    assert answer.text is not None and answer.text.startswith("Hidden: other guests")
    others = await harness.send_photo(OTHER, selfie(t1_image))
    assert others.texts[-1].startswith("I found 1 photo of you in «Wedding».")
    mine = await harness.send_photo(GUEST, selfie(t1_image))
    assert mine.texts[-1].startswith("I found 2 photos of you in «Wedding».")
    listing = await harness.send(ADMIN, "/hiding")
    assert "Photos hidden by guests: 1." in listing.texts[0]
    assert str(GUEST.id) not in listing.texts[0]
