"""/use picks the upload target, /qr re-sends the card, /events lists the numbers."""

from __future__ import annotations

from aiogram.methods import AnswerCallbackQuery, SendPhoto

from tests.bot.handlers.steps import event_card, joined
from tests.bot.harness import ADMIN, STRANGER, BotHarness, callback_data, last_with_buttons


async def test_no_events_yet_points_to_newevent(harness: BotHarness) -> None:
    for command in ("/use", "/events"):
        replies = await harness.send(ADMIN, command)
        assert replies.texts == ["You have no events yet. Create one with /newevent."]


async def test_use_ticks_the_current_event_and_switches(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")
    await event_card(harness, "Gala")
    picker = await harness.send(ADMIN, "/use")
    assert picker.texts == ["Which event should your uploads go to?"]
    assert sorted(label for label, _data in picker.buttons()) == ["Wedding", "✅ Gala"]
    switched = await harness.press(
        ADMIN, callback_data(picker, "Wedding"), last_with_buttons(picker)
    )
    assert switched.texts == ["Uploads now go to «Wedding»."]
    assert "✅ Wedding" in [label for label, _data in (await harness.send(ADMIN, "/use")).buttons()]


async def test_picking_a_closed_event_says_so(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")
    await harness.send(ADMIN, "/close")
    await event_card(harness, "Gala")
    picker = await harness.send(ADMIN, "/use")
    switched = await harness.press(
        ADMIN, callback_data(picker, "Wedding 🔒"), last_with_buttons(picker)
    )
    assert switched.texts == [
        "Uploads now go to «Wedding».\nIt is closed: its owner can /reopen it."
    ]


async def test_a_forged_pick_of_someone_elses_event_is_refused(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")
    picker = await harness.send(ADMIN, "/use")
    await joined(harness, STRANGER, await event_card(harness, "Other"))
    forged = await harness.press(
        STRANGER, callback_data(picker, "✅ Wedding"), last_with_buttons(picker)
    )
    (alert,) = forged.of(AnswerCallbackQuery)
    assert alert.show_alert
    assert alert.text == "Sorry, that is only for the photographers of that event."
    mine = await harness.send(STRANGER, "/use")
    assert [label for label, _data in mine.buttons()] == ["✅ Other"]


async def test_qr_resends_the_card_and_only_owners_get_the_invite(harness: BotHarness) -> None:
    card = await event_card(harness, "Wedding")
    owner = await harness.send(ADMIN, "/qr")
    assert owner.of(SendPhoto)[0].caption == card.of(SendPhoto)[0].caption
    assert any("?start=ph_" in text for text in owner.texts)
    await joined(harness, STRANGER, card)
    photographer = await harness.send(STRANGER, "/qr")
    assert photographer.of(SendPhoto)[0].caption == card.of(SendPhoto)[0].caption
    assert not any("?start=ph_" in text for text in photographer.texts)


async def test_events_lists_counts_selection_and_closed_mark(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")
    await harness.send(ADMIN, "/close")
    await event_card(harness, "Gala")
    listing = (await harness.send(ADMIN, "/events")).text
    assert listing.startswith("Your events:\n")
    assert "• Wedding (" in listing and ") 🔒\n    0 photos, 0 faces, 0 guests" in listing
    assert "✅ Gala (" in listing
