"""Progress messages: one chat's Telegram error does not hold up any other chat's."""

from __future__ import annotations

from aiogram.methods import SendMessage

from tests.bot.handlers.steps import event_card, joined, noise_jpeg
from tests.bot.harness import ADMIN, STRANGER, BotHarness


async def test_a_chat_telegram_refuses_does_not_stop_the_others(harness: BotHarness) -> None:
    await joined(harness, STRANGER, await event_card(harness))
    await harness.send_photo(ADMIN, noise_jpeg(1))
    await harness.send_photo(STRANGER, noise_jpeg(2))
    before = len(harness.session.requests)
    harness.session.fail_next(SendMessage, message="Bad Request: chat not found")

    await harness.app.reporter.report_all()  # the admin's batch is older: it fails first

    sent = [r for r in harness.session.requests[before:] if isinstance(r, SendMessage)]
    assert [message.chat_id for message in sent] == [ADMIN.id, STRANGER.id]
