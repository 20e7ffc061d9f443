"""Replies come in the language the user chose with /language, else Telegram's, else
English."""

from __future__ import annotations

from tests.bot.harness import BotHarness, person

ENGLISH_HINT = (
    "Hi! To find your photos, scan the event's QR code or open the link the photographer shared."
)


async def test_telegram_language_picks_the_catalog(harness: BotHarness) -> None:
    spanish = (await harness.send(person(11, "Rosa", "es"), "hola")).texts
    russian = (await harness.send(person(12, "Olga", "ru-RU"), "привет")).texts
    assert spanish != [ENGLISH_HINT] and russian != [ENGLISH_HINT] and spanish != russian


async def test_unknown_or_missing_language_falls_back_to_english(harness: BotHarness) -> None:
    for code in ("pt-BR", None):
        replies = await harness.send(person(13, "Bia", code), "oi")
        assert replies.texts == [ENGLISH_HINT]


async def test_the_chosen_language_beats_telegrams(harness: BotHarness) -> None:
    russian = (await harness.send(person(14, "Olga", "ru"), "привет")).texts
    await harness.app.services.guests.set_language(15, "ru")
    chosen = (await harness.send(person(15, "Rosa", "es"), "hola")).texts
    assert chosen == russian
