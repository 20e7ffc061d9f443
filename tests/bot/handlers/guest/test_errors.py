"""The guest error router: refusals from the guest use case become translated replies to
the message, or alerts on the button, and nothing else is sent."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from aiogram.methods import AnswerCallbackQuery, SendMediaGroup, SendMessage
from numpy.typing import NDArray

from eventlens.bot.keyboards.guest import FacePick, PhotoAction
from eventlens.bot.reasons import describe
from eventlens.core.errors import RateLimitedError
from eventlens.core.faces.engine import FaceEngine
from tests.bot.handlers.guest.steps import (
    GUEST,
    harness_with,
    indexed_event,
    joined,
    said,
    selfie,
)
from tests.bot.harness import BotHarness, Replies, callback_data, last_with_buttons, person

SEARCHED_A_LOT = "You have searched a lot in the last hour. Try again in "


def _alert(replies: Replies) -> str:
    (answer,) = replies.of(AnswerCallbackQuery)
    assert answer.show_alert
    return str(answer.text)


async def test_the_hourly_search_cap_is_told_in_the_guests_language(
    tmp_path: Path, engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    russian = person(7171, "Ivan", "ru")
    async with harness_with(tmp_path / "home", engine, searches_per_hour=1) as harness:
        payload = await indexed_event(harness, t1_image)
        await joined(harness, payload)
        await joined(harness, payload, russian)
        assert (await harness.send_photo(GUEST, selfie(t1_image))).of(SendMediaGroup)
        assert (await harness.send_photo(russian, selfie(t1_image))).of(SendMediaGroup)

        capped = await harness.send_photo(GUEST, selfie(t1_image))
        in_russian = await harness.send_photo(russian, selfie(t1_image))

    (reply,) = capped.of(SendMessage)
    assert reply.text == SEARCHED_A_LOT + "60 minutes."  # the first search was just now
    assert reply.reply_parameters is not None, "a reply to the selfie"
    assert not capped.of(SendMediaGroup)
    an_hour = RateLimitedError(3599.5).why
    assert in_russian.texts == [said(harness, "ru", lambda: describe(an_hour))]
    assert in_russian.texts != [reply.text]


async def test_too_many_photos_a_minute_are_refused_before_any_search(
    tmp_path: Path, engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    async with harness_with(tmp_path / "home", engine, guest_photos_per_minute=1) as harness:
        await joined(harness, await indexed_event(harness, t1_image))
        assert (await harness.send_photo(GUEST, selfie(t1_image))).of(SendMediaGroup)

        flooded = await harness.send_photo(GUEST, selfie(t1_image))

    (text,) = flooded.texts
    assert text == (
        "You have sent many photos in the last minute. Wait a minute, then send your selfie again."
    )  # its own text: the hourly search cap's would send the guest away for an hour


async def test_a_face_button_of_an_expired_choice_says_so(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))
    album = await harness.send_photo(GUEST, selfie(t1_image))

    pressed = await harness.press(GUEST, FacePick(number=1), last_with_buttons(album))

    assert _alert(pressed) == "This search has expired. Send your selfie again."
    assert pressed.texts == ["This search has expired. Send your selfie again."]


async def test_not_me_on_someone_elses_event_or_a_removed_photo_is_refused(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))
    album = await harness.send_photo(GUEST, selfie(t1_image))
    button = callback_data(album, "✖ 1")
    outsider = person(9009, "Oscar")

    foreign = await harness.press(outsider, button, last_with_buttons(album))
    assert _alert(foreign).startswith("First join an event: open the link")

    face_id = PhotoAction.unpack(button).face_id
    gone = PhotoAction(action="not_me", face_id=face_id.rsplit("-", 1)[0] + "-99")
    missing = await harness.press(GUEST, gone, last_with_buttons(album))
    assert _alert(missing) == "That photo is no longer in the event."
