"""Joining an event by its link, and the Accept button under the privacy notice."""

from __future__ import annotations

from aiogram.methods import AnswerCallbackQuery, EditMessageReplyMarkup

from eventlens.bot.guest.texts import consent_notice
from eventlens.bot.keyboards.guest import Consent
from tests.bot.handlers.guest.steps import GUEST, accept, join, join_payload, said
from tests.bot.handlers.steps import event_card
from tests.bot.harness import BotHarness, last_with_buttons, person

SEND_SELFIE = (
    "You are in «Wedding». Now send me a selfie: one clear photo of your face, in good "
    "light, looking at the camera."
)


async def test_the_event_link_shows_the_privacy_notice_with_accept(harness: BotHarness) -> None:
    payload = join_payload(await event_card(harness))

    notice = await join(harness, payload)

    (text,) = notice.texts
    assert text.startswith("«Wedding» uses EventLens to find your photos.")
    assert "Your selfie is never stored" in text
    assert "Share links expire after 30 days." in text
    assert (
        "All I keep for this event, face data from your selfies included, is deleted 30 days "
        "after the event closes (its photographer sets this period)." in text
    )
    assert text.endswith("Tap Accept to start.")
    assert [label for label, _ in notice.buttons()] == ["Accept"]


async def test_accept_removes_the_button_and_asks_for_a_selfie(harness: BotHarness) -> None:
    notice = await join(harness, join_payload(await event_card(harness)))

    accepted = await accept(harness, notice)

    assert accepted.texts == [SEND_SELFIE]
    assert accepted.of(AnswerCallbackQuery), "the button stops spinning"
    (edit,) = accepted.of(EditMessageReplyMarkup)
    assert edit.message_id == last_with_buttons(notice).message_id
    assert edit.reply_markup is None


async def test_a_guest_who_accepted_is_not_asked_again(harness: BotHarness) -> None:
    payload = join_payload(await event_card(harness))
    await accept(harness, await join(harness, payload))

    again = await join(harness, payload)

    assert again.texts == [SEND_SELFIE]
    assert again.buttons() == []


async def test_a_forged_event_link_is_refused(harness: BotHarness) -> None:
    await event_card(harness)

    replies = await join(harness, "ev_not-a-real-token")

    assert replies.texts == [
        "This event link is not valid. Scan the QR code at the event again or ask the "
        "photographer for a new link."
    ]


async def test_accept_from_someone_who_did_not_join_opens_nothing(harness: BotHarness) -> None:
    notice = await join(harness, join_payload(await event_card(harness)))
    (summary,) = await harness.app.services.events.summaries()
    other = person(8008, "Olga")

    pressed = await harness.press(
        other, Consent(event_id=summary.event.id), last_with_buttons(notice)
    )

    (alert,) = pressed.of(AnswerCallbackQuery)
    assert alert.show_alert
    assert alert.text.startswith("First join an event: open the link the photographer shared")
    assert await harness.app.services.guests.current_event(other.id) is None
    assert await harness.app.services.guests.current_event(GUEST.id) is not None


async def test_the_notice_gives_the_retention_the_photographer_set(harness: BotHarness) -> None:
    payload = join_payload(await event_card(harness))
    event = (await harness.app.services.events.summaries())[0].event
    await harness.app.services.events.set_guest_data_days(event.id, 1)

    notice = await join(harness, payload)
    in_russian = await join(harness, payload, person(5151, "Ivan", "ru"))

    (text,) = notice.texts
    assert "is deleted 1 day after the event closes (its photographer sets this period)." in text
    assert in_russian.texts == [said(harness, "ru", lambda: consent_notice("Wedding", 30, 1))]
