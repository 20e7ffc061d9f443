"""Every error becomes a reply: refusals in the user's words, anything else an apology,
and a reply that cannot be sent is logged, never raised into the dispatcher."""

from __future__ import annotations

import logging

import pytest
from aiogram.exceptions import TelegramForbiddenError
from aiogram.methods import AnswerCallbackQuery, GetFile, SendMessage

from tests.bot.handlers.steps import event_card, noise_jpeg
from tests.bot.harness import (
    ADMIN,
    STRANGER,
    BotHarness,
    callback_data,
    last_with_buttons,
    person,
)

APOLOGY = "Sorry, something went wrong on my side. Please try again in a minute."


async def test_an_unexpected_failure_gets_an_apology_and_a_traceback(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    await event_card(harness)
    harness.session.fail_next(GetFile, message="Bad Request: wrong file identifier")
    with caplog.at_level(logging.ERROR, logger="eventlens.bot.handlers.errors"):
        replies = await harness.send_photo(ADMIN, noise_jpeg(30))
    (reply,) = replies.of(SendMessage)
    assert reply.text == APOLOGY
    assert reply.reply_parameters is not None  # answers the photo that failed
    assert any(record.exc_info for record in caplog.records)


async def test_a_refused_button_gets_an_alert(harness: BotHarness) -> None:
    await event_card(harness)
    asked = await harness.send(ADMIN, "/delete_event")
    refused = await harness.press(
        STRANGER, callback_data(asked, "Delete for good"), last_with_buttons(asked)
    )
    (alert,) = refused.of(AnswerCallbackQuery)
    assert alert.show_alert
    assert alert.text == "Sorry, that is only for the photographers of that event."


async def test_an_error_reply_that_cannot_be_sent_is_logged(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.session.fail_next(SendMessage, TelegramForbiddenError, "Forbidden: bot was blocked")
    with caplog.at_level(logging.WARNING, logger="eventlens.bot.handlers.errors"):
        replies = await harness.send(STRANGER, "/newevent Party")
    assert len(replies.of(SendMessage)) == 1  # the refusal was attempted once
    assert "could not send the error reply" in caplog.text


async def test_refusals_speak_the_users_language(harness: BotHarness) -> None:
    replies = await harness.send(person(7007, "Rosa", "es"), "/newevent Fiesta")
    (reply,) = replies.of(SendMessage)
    assert reply.text and "EventLens" in reply.text
    assert reply.text != "Only EventLens admins can create events. Ask one to invite you to theirs."
