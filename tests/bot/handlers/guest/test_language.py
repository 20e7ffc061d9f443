"""/language overrides Telegram's language for every later reply; without it the bot
follows the language Telegram reports."""

from __future__ import annotations

import pytest
from aiogram.methods import AnswerCallbackQuery, EditMessageText

from eventlens.bot.guest import texts
from eventlens.bot.keyboards.guest import PickLanguage
from tests.bot.handlers.guest.steps import GUEST, said
from tests.bot.harness import BotHarness, callback_data, last_with_buttons, person

ENGLISH_HELP = "EventLens finds every photo you are in at an event, from one selfie."


async def test_language_offers_every_catalog_in_its_own_name(harness: BotHarness) -> None:
    replies = await harness.send(GUEST, "/language")

    assert replies.texts == ["Choose your language:"]
    assert [label for label, _ in replies.buttons()] == ["English", "Español", "हिन्दी", "Русский"]


@pytest.mark.parametrize(("label", "locale"), [("Русский", "ru"), ("Español", "es")])
async def test_picking_a_language_switches_every_later_reply(
    harness: BotHarness, label: str, locale: str
) -> None:
    chooser = await harness.send(GUEST, "/language")

    picked = await harness.press(GUEST, callback_data(chooser, label), last_with_buttons(chooser))

    (confirmation,) = picked.of(EditMessageText)
    assert confirmation.text == said(harness, locale, texts.language_set)
    assert confirmation.text != "From now on I write to you in English."
    (help_text,) = (await harness.send(GUEST, "/help")).texts
    assert help_text == said(harness, locale, texts.guest_help)
    assert not help_text.startswith(ENGLISH_HELP)


async def test_a_chosen_language_wins_over_telegrams(harness: BotHarness) -> None:
    hindi_phone = person(7070, "Asha", "hi")
    assert (await harness.send(hindi_phone, "/help")).texts == [
        said(harness, "hi", texts.guest_help)
    ]
    chooser = await harness.send(hindi_phone, "/language")

    await harness.press(hindi_phone, callback_data(chooser, "English"), last_with_buttons(chooser))

    assert (await harness.send(hindi_phone, "/help")).texts[0].startswith(ENGLISH_HELP)


async def test_a_forged_language_code_changes_nothing(harness: BotHarness) -> None:
    chooser = await harness.send(GUEST, "/language")

    forged = await harness.press(GUEST, PickLanguage(code="xx"), last_with_buttons(chooser))

    assert forged.of(AnswerCallbackQuery)
    assert not forged.of(EditMessageText)
    assert await harness.app.services.guests.language(GUEST.id) is None
