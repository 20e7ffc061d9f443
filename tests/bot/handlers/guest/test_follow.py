"""/unfollow acts on the event the guest picks, or all, not just the latest one joined."""

from __future__ import annotations

import numpy as np
from aiogram.methods import EditMessageText

from eventlens.storage.enrolments import EnrolmentStore
from tests.bot.harness import BotHarness, callback_data, last_with_buttons, person

GUEST = person(7007, "Gia")


async def _following(harness: BotHarness, *names: str) -> None:
    """The guest joined and follows each event, in this order (the last is the latest)."""
    services = harness.app.services
    enrolments = EnrolmentStore(services.db)
    for number, name in enumerate(names):
        event = await services.events.create(f"e{number}", name, services.engine.pack.name)
        await services.guests.join(GUEST.id, f"ev_{event.guest_token}")
        await services.guests.accept(GUEST.id, event.id)
        await enrolments.enrol(GUEST.id, event.id, [np.ones(512, dtype=np.float32)])


async def _followed(harness: BotHarness) -> list[str]:
    return [event.name for event in await harness.app.services.guests.followed(GUEST.id)]


async def test_unfollow_offers_each_followed_event_and_all(harness: BotHarness) -> None:
    await _following(harness, "Wedding", "Gala", "Ball")

    choice = await harness.send(GUEST, "/unfollow")

    assert choice.texts == ["Which event should stop sending you new photos?"]
    assert [label for label, _ in choice.buttons()] == ["Ball", "Gala", "Wedding", "All events"]
    picked = await harness.press(GUEST, callback_data(choice, "Wedding"), last_with_buttons(choice))
    assert picked.of(EditMessageText)[0].text.startswith("You no longer follow «Wedding»")
    assert await _followed(harness) == ["Ball", "Gala"]

    again = await harness.send(GUEST, "/unfollow")
    every = await harness.press(GUEST, callback_data(again, "All events"), last_with_buttons(again))
    assert "«Ball»" in every.text and "«Gala»" in every.text
    assert await _followed(harness) == []
    rows = await harness.app.services.db.fetch_one("SELECT COUNT(*) FROM enrolments")
    assert rows is not None and rows[0] == 0
    assert (await harness.send(GUEST, "/unfollow")).texts == [
        "You do not follow any event, so I keep no face data for updates."
    ]


async def test_one_followed_event_is_unfollowed_at_once(harness: BotHarness) -> None:
    await _following(harness, "Wedding")
    await harness.app.services.events.create("other", "Other", "buffalo_s")

    replies = await harness.send(GUEST, "/unfollow")

    assert replies.texts[0].startswith("You no longer follow «Wedding»")
    assert await _followed(harness) == []
