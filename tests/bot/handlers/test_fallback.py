"""Nothing goes unanswered: photographers get a pointer to /help, others a pointer to
the QR code, photographer commands from others a refusal, dead buttons an alert."""

from __future__ import annotations

import pytest
from aiogram.methods import AnswerCallbackQuery

from tests.bot.handlers.steps import event_card
from tests.bot.harness import ADMIN, STRANGER, BotHarness

NOT_A_PHOTOGRAPHER = (
    "That command is for the event's photographers. If you are a guest, scan the event's QR "
    "code or open the link the photographer shared to find your photos."
)


async def test_a_photographers_stray_text_points_to_help(harness: BotHarness) -> None:
    await event_card(harness)
    replies = await harness.send(ADMIN, "what now?")
    assert replies.texts == [
        "Send photos, albums or ZIP files to upload them; /help lists the commands."
    ]


@pytest.mark.parametrize("command", ["/newevent", "/use", "/qr", "/stats", "/delete_event"])
async def test_photographer_commands_from_others_are_refused(
    harness: BotHarness, command: str
) -> None:
    replies = await harness.send(STRANGER, command)
    expected = (
        "Only EventLens admins can create events. Ask one to invite you to theirs."
        if command == "/newevent"
        else NOT_A_PHOTOGRAPHER
    )
    assert replies.texts == [expected]


async def test_anyone_else_is_pointed_to_the_qr_code(harness: BotHarness) -> None:
    replies = await harness.send(STRANGER, "hello?")
    assert replies.texts == [
        "Hi! To find your photos, scan the event's QR code or open the link the photographer "
        "shared."
    ]


async def test_an_unknown_button_says_it_is_no_longer_active(harness: BotHarness) -> None:
    message = (await harness.send(ADMIN, "/help")).messages[0]
    replies = await harness.press(ADMIN, "gone:button", message)
    (answer,) = replies.of(AnswerCallbackQuery)
    assert answer.text == "This button is no longer active."
