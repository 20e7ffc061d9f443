"""The buttons under an album: the original file, "not me", further pages."""

from __future__ import annotations

import numpy as np
import pytest
from aiogram.methods import (
    AnswerCallbackQuery,
    DeleteMessage,
    EditMessageReplyMarkup,
    SendDocument,
    SendMediaGroup,
    SendPhoto,
)
from aiogram.types import BufferedInputFile
from numpy.typing import NDArray

from eventlens.bot.keyboards.guest import AlbumMore
from eventlens.core.search import album as album_module
from tests.bot.handlers.guest.steps import GUEST, indexed_event, joined, selfie
from tests.bot.harness import BotHarness, Replies, callback_data, last_with_buttons

EXPIRED = "This search has expired. Send your selfie again."


async def _album(harness: BotHarness, t1_image: NDArray[np.uint8]) -> Replies:
    await joined(harness, await indexed_event(harness, t1_image))
    return await harness.send_photo(GUEST, selfie(t1_image))


async def test_the_original_button_sends_the_full_photo_as_a_file(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    album = await _album(harness, t1_image)

    pressed = await harness.press(GUEST, callback_data(album, "⬇ 1"), last_with_buttons(album))

    (sent,) = pressed.of(SendDocument)
    assert sent.chat_id == GUEST.id
    assert isinstance(sent.document, BufferedInputFile)
    name = str(sent.document.filename)
    assert name.startswith("wedding-")
    assert name.endswith(".jpg")
    assert sent.document.data[:2] == b"\xff\xd8", "a JPEG"


async def test_not_me_removes_the_photo_now_and_from_later_searches(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    album = await _album(harness, t1_image)
    previews = next(result for result in album.results if isinstance(result, list))

    pressed = await harness.press(GUEST, callback_data(album, "✖ 1"), last_with_buttons(album))

    (answer,) = pressed.of(AnswerCallbackQuery)
    assert answer.text == "Removed. I will count faces like this one against later searches."
    (deleted,) = pressed.of(DeleteMessage)
    assert deleted.message_id == previews[0].message_id
    (edit,) = pressed.of(EditMessageReplyMarkup)
    assert edit.reply_markup is not None
    labels = [button.text for row in edit.reply_markup.inline_keyboard for button in row]
    assert labels == ["⬇ 2", "✖ 2", "Add another selfie"]

    again = await harness.send_photo(GUEST, selfie(t1_image))
    assert again.of(SendPhoto), "one photo left: sent alone, not as a media group"
    assert again.texts[-1].startswith("I found 1 photo of you in «Wedding».")


async def test_album_buttons_after_forgetting_say_the_search_expired(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    album = await _album(harness, t1_image)
    await harness.send(GUEST, "/forget")

    original = await harness.press(GUEST, callback_data(album, "⬇ 1"), last_with_buttons(album))
    (alert,) = original.of(AnswerCallbackQuery)
    assert (alert.text, alert.show_alert) == (EXPIRED, True)
    assert not original.of(SendDocument)

    more = await harness.press(GUEST, AlbumMore(tier="sure", page=1), last_with_buttons(album))
    assert more.texts == [EXPIRED]


async def test_a_page_past_the_end_says_there_is_no_more_not_expired(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    album = await _album(harness, t1_image)

    more = await harness.press(GUEST, AlbumMore(tier="sure", page=1), last_with_buttons(album))
    possible = await harness.press(GUEST, AlbumMore(tier="maybe", page=0), last_with_buttons(album))

    assert more.texts == possible.texts == ["No more photos: you have seen them all."]
    assert not more.of(SendPhoto) and not possible.of(SendPhoto)


async def test_a_large_album_offers_its_gallery_first_and_is_sent_on_request(
    harness: BotHarness, t1_image: NDArray[np.uint8], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(album_module, "LARGE_ALBUM", 1)  # two photos count as many here
    album = await _album(harness, t1_image)

    assert not album.of(SendMediaGroup), "nothing sent before the guest asks"
    assert "let me send all 2 here" in album.texts[-1]
    sent = await harness.press(
        GUEST, callback_data(album, "Send all 2 here"), last_with_buttons(album)
    )

    (group,) = sent.of(SendMediaGroup)
    assert [item.caption for item in group.media] == ["1", "2"]
    (edit,) = sent.of(EditMessageReplyMarkup)
    assert edit.reply_markup is not None
    labels = [button.text for row in edit.reply_markup.inline_keyboard for button in row]
    assert "Send all 2 here" not in labels and "⬇ 1" in labels
