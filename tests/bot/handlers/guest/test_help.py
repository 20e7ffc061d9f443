"""/help and a plain /start for guests, and media the bot cannot search with."""

from __future__ import annotations

import pytest
from aiogram.methods import SendMessage
from aiogram.types import Sticker, Voice

from eventlens.bot.guest import texts
from tests.bot.handlers.guest.steps import GUEST, said
from tests.bot.harness import BotHarness, person

NOT_A_PHOTO = "I can only search with photos. Send your selfie as a photo."


@pytest.mark.parametrize("command", ["/help", "/start"])
async def test_help_and_a_plain_start_explain_the_three_steps(
    harness: BotHarness, command: str
) -> None:
    (text,) = (await harness.send(GUEST, command)).texts

    assert text.startswith("EventLens finds every photo you are in at an event, from one selfie.")
    assert "1. Open the event's link or send me a photo of its QR code." in text
    assert "/privacy shows what I keep, /forget deletes it" in text
    assert "/newevent" not in text, "guests do not see the photographers' commands"


async def test_help_speaks_the_language_telegram_reports(harness: BotHarness) -> None:
    russian = person(7171, "Ivan", "ru")

    (text,) = (await harness.send(russian, "/help")).texts

    assert text == said(harness, "ru", texts.guest_help)
    assert not text.startswith("EventLens finds every photo you are in")


async def test_voice_stickers_and_other_files_are_answered_with_what_works(
    harness: BotHarness,
) -> None:
    voice = Voice(file_id="voice-1", file_unique_id="u-voice-1", duration=3)
    sticker = Sticker(
        file_id="sticker-1",
        file_unique_id="u-sticker-1",
        type="regular",
        width=512,
        height=512,
        is_animated=False,
        is_video=False,
    )
    for update in (
        harness.updates.message(GUEST, voice=voice),
        harness.updates.message(GUEST, sticker=sticker),
        harness.updates.document(GUEST, "doc-1", "notes.pdf", "application/pdf", 1000),
    ):
        replies = await harness.feed(update)
        assert replies.texts == [NOT_A_PHOTO]
        (reply,) = replies.of(SendMessage)
        assert reply.reply_parameters is not None, "a reply to the guest's message"
    assert harness.session.downloads == []
