"""/newevent: name (asked unless given), optional date, then the event's card."""

from __future__ import annotations

from aiogram.methods import EditMessageReplyMarkup, SendPhoto

from eventlens.core.events.naming import MAX_NAME
from tests.bot.harness import ADMIN, STRANGER, BotHarness, callback_data, last_with_buttons


async def test_asks_name_then_date_then_sends_the_card(harness: BotHarness) -> None:
    asked = await harness.send(ADMIN, "/newevent")
    assert asked.texts == [f"What is the event called? (up to {MAX_NAME} characters)"]
    dated = await harness.send(ADMIN, "Ann & Bob's wedding")
    assert dated.texts == [
        "When is «Ann & Bob's wedding»? Send a date like 2026-06-14, or tap «No date»."
    ]
    assert [label for label, _data in dated.buttons()] == ["No date"]
    card = await harness.send(ADMIN, "2026-06-14")
    (qr,) = card.of(SendPhoto)
    assert qr.caption.startswith("«Ann & Bob's wedding»\nGuests scan this QR code")
    assert "https://t.me/eventlens_test_bot?start=ev_" in qr.caption
    assert "Slug (for the command line): " in qr.caption
    assert "https://t.me/eventlens_test_bot?start=ph_" in card.texts[1]
    assert "ph_" not in qr.caption  # forwarding the QR card never forwards the invite


async def test_no_date_button_creates_the_event_and_drops_the_button(
    harness: BotHarness,
) -> None:
    asked = await harness.send(ADMIN, "/newevent Gala")
    created = await harness.press(ADMIN, callback_data(asked, "No date"), last_with_buttons(asked))
    assert created.of(EditMessageReplyMarkup)[0].reply_markup is None
    assert created.of(SendPhoto)[0].caption.startswith("«Gala»")
    events = await harness.send(ADMIN, "/events")
    assert "Gala" in events.text


async def test_bad_name_and_bad_date_are_asked_again(harness: BotHarness) -> None:
    await harness.send(ADMIN, "/newevent")
    too_long = await harness.send(ADMIN, "x" * (MAX_NAME + 1))
    assert too_long.texts == [f"Please send the event's name as text, up to {MAX_NAME} characters."]
    await harness.send(ADMIN, "Gala")
    bad_date = await harness.send(ADMIN, "next friday-ish")
    assert bad_date.texts == ["I could not read that date. Send it like 2026-06-14."]
    assert (await harness.send(ADMIN, "2026-06-14")).of(SendPhoto)


async def test_cancel_leaves_the_conversation(harness: BotHarness) -> None:
    await harness.send(ADMIN, "/newevent")
    assert (await harness.send(ADMIN, "/cancel")).texts == ["Cancelled."]
    after = await harness.send(ADMIN, "Gala")
    assert not after.of(SendPhoto)
    assert after.texts == [
        "Send photos, albums or ZIP files to upload them; /help lists the commands."
    ]


async def test_only_admins_create_events(harness: BotHarness) -> None:
    replies = await harness.send(STRANGER, "/newevent Party")
    assert replies.texts == [
        "Only EventLens admins can create events. Ask one to invite you to theirs."
    ]
