"""A guest's photo: refused before joining or accepting, searched as a selfie after,
"which one are you?" for a group photo, and "add another selfie"."""

from __future__ import annotations

import io

import cv2
import numpy as np
from aiogram.methods import GetFile, SendMediaGroup, SendMessage, SendPhoto
from aiogram.types import InlineKeyboardMarkup
from numpy.typing import NDArray
from PIL import Image

from eventlens.core.guests.outcomes import Following
from tests.bot.handlers.guest.steps import (
    ACCEPT,
    GUEST,
    indexed_event,
    join,
    joined,
    selfie,
)
from tests.bot.handlers.steps import noise_jpeg
from tests.bot.harness import BotHarness, callback_data, last_with_buttons
from tests.conftest import jpeg

MEGABYTE = 1024 * 1024


async def test_a_selfie_before_joining_asks_for_the_event_link(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await indexed_event(harness, t1_image)

    replies = await harness.send_photo(GUEST, selfie(t1_image))

    assert replies.texts == [
        "First join an event: open the link the photographer shared, or send me a photo "
        "of the event's QR code."
    ]


async def test_a_selfie_before_accepting_shows_the_notice_again(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await join(harness, await indexed_event(harness, t1_image))

    replies = await harness.send_photo(GUEST, selfie(t1_image))

    (text,) = replies.texts
    assert text.startswith("«Wedding» uses EventLens to find your photos.")
    assert callback_data(replies, ACCEPT)
    assert not replies.of(SendMediaGroup)


async def test_a_selfie_returns_the_album_with_a_share_link(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))

    replies = await harness.send_photo(GUEST, selfie(t1_image))

    (group,) = replies.of(SendMediaGroup)
    assert [item.caption for item in group.media] == ["1", "2"]
    summary = replies.texts[-1]
    assert summary.startswith("I found 2 photos of you in «Wedding».\nShare them:")
    assert "Possible matches" not in summary
    assert "selfie" not in summary  # a sharp selfie that found everything gets no advice
    assert "Share them: http://localhost:8080/a/" in summary
    assert "The link works for 30 days; /links revokes it." in summary
    assert [label for label, _ in replies.buttons()] == [
        "⬇ 1",
        "✖ 1",
        "⬇ 2",
        "✖ 2",
        "Add another selfie",
    ]


async def test_an_https_gallery_puts_the_mini_app_button_under_the_album(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    harness.app.settings.public_url = "https://photos.example.org/"
    await joined(harness, await indexed_event(harness, t1_image))

    replies = await harness.send_photo(GUEST, selfie(t1_image))

    markup = replies.of(SendMessage)[-1].reply_markup
    assert isinstance(markup, InlineKeyboardMarkup)
    first = markup.inline_keyboard[0][0]
    assert first.text == "Open the gallery"
    assert first.web_app is not None and first.web_app.url == "https://photos.example.org/app"


async def test_a_photo_without_a_face_is_refused(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))

    replies = await harness.send_photo(GUEST, noise_jpeg(1, size=160))

    assert replies.texts == [
        "I could not find a face in this photo. Take a selfie in good light, facing the "
        "camera, with nothing covering your face, and send it again."
    ]


async def test_unreadable_and_oversized_files_are_refused(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))

    broken = await harness.send_document(GUEST, b"not a picture", "me.jpg", "image/jpeg")
    assert broken.texts == ["I could not read this picture. Send your selfie as a photo."]

    huge = await harness.send_document(
        GUEST, selfie(t1_image), "me.jpg", "image/jpeg", announced=25 * MEGABYTE
    )
    assert huge.texts == [
        "This file is 25 MB, too big for me to download. Send your selfie as a photo "
        "instead of a file."
    ]
    assert not huge.of(GetFile)


async def test_a_selfie_sent_as_a_file_is_searched_too(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))

    replies = await harness.send_document(GUEST, selfie(t1_image), "IMG_0042.HEIC.jpg", None)

    assert replies.texts[-1].startswith("I found 2 photos of you in «Wedding».")


async def test_a_group_photo_asks_which_face_then_searches_the_chosen_one(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))

    question = await harness.send_photo(GUEST, jpeg(t1_image))

    (numbered,) = question.of(SendPhoto)
    assert numbered.caption == "I see several people. Which one are you?"
    assert [label for label, _ in question.buttons()] == ["1", "2", "3", "4", "5", "6"]
    chosen = await harness.press(GUEST, callback_data(question, "3"), last_with_buttons(question))
    assert chosen.texts[-1].startswith("I found 2 photos of you in «Wedding».")
    assert len(chosen.of(SendMediaGroup)[0].media) == 2


async def test_add_another_selfie_refines_the_same_search(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))
    album = await harness.send_photo(GUEST, selfie(t1_image))

    asked = await harness.press(
        GUEST, callback_data(album, "Add another selfie"), last_with_buttons(album)
    )
    assert asked.texts == ["Send another selfie: I will search with all of them together."]
    refined = await harness.send_photo(GUEST, jpeg(t1_image[190:490, 670:930]))

    assert refined.texts[-1].startswith("I found 2 photos of you in «Wedding».")
    following = await harness.app.services.guests.follow(GUEST.id)
    assert isinstance(following, Following)
    assert following.selfies == 2, "the search holds both selfies"


async def test_a_picture_refused_only_for_its_pixels_says_so(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))
    output = io.BytesIO()
    Image.new("L", (8_000, 8_000)).save(output, "PNG")  # 64 MP in ~60 KB: over the guest budget

    replies = await harness.send_document(GUEST, output.getvalue(), "poster.png", "image/png")

    assert replies.texts == [
        "This picture has too many pixels for me to read. Send your selfie as a photo, "
        "not as a file."
    ]


async def test_a_blurred_selfie_gets_its_album_and_is_asked_for_another(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))
    blurred = cv2.GaussianBlur(t1_image[200:480, 680:920], (0, 0), 2.5)

    replies = await harness.send_photo(GUEST, jpeg(np.asarray(blurred, dtype=np.uint8)))

    summary = replies.texts[-1]
    assert summary.startswith("I found 2 photos of you in «Wedding».")
    assert (
        "Your selfie is blurred, small or turned: another one, sharp and facing the camera, "
        "will find more photos of you." in summary
    )
    assert [label for label, _ in replies.buttons()][-1] == "Add another selfie"
