"""Co-photographer invites expire and rotate; the owner lists and removes photographers."""

from __future__ import annotations

from tests.bot.handlers.steps import event_card, invite, joined, noise_jpeg
from tests.bot.harness import ADMIN, STRANGER, BotHarness, callback_data, last_with_buttons, person

HELPER = person(6006, "Hal")


async def _photos(harness: BotHarness) -> int:
    services = harness.app.services
    return sum(summary.counts.photos for summary in await services.events.summaries())


async def test_an_expired_invite_opens_nothing_and_the_card_says_so(harness: BotHarness) -> None:
    card = await event_card(harness)
    assert "The link works until" in card.text
    async with harness.app.services.db.transaction() as connection:
        await connection.execute("UPDATE events SET invite_expires_at = 1.0")

    refused = await harness.send(STRANGER, f"/start {invite(card)}")

    assert refused.texts == ["This invite link has expired. Ask the event's owner for a new one."]
    again = await harness.send(ADMIN, "/qr")
    assert "The co-photographer invite has expired: /invite makes a new one." in again.texts
    assert not any("Invite co-photographers" in text for text in again.texts)


async def test_invite_rotates_the_link_and_the_old_one_stops_working(harness: BotHarness) -> None:
    old = invite(await event_card(harness))

    fresh = await harness.send(ADMIN, "/invite")

    assert "the previous link no longer works" in fresh.text
    new = invite(fresh)
    assert new != old
    assert "not valid" in (await harness.send(STRANGER, f"/start {old}")).text
    assert "You are now a photographer" in (await harness.send(STRANGER, f"/start {new}")).text


async def test_owner_removes_a_photographer_whose_uploads_are_then_refused(
    harness: BotHarness,
) -> None:
    card = await event_card(harness)
    await joined(harness, STRANGER, card)
    await joined(harness, HELPER, card)
    listing = await harness.send(ADMIN, "/members")
    assert "1. Sam (since " in listing.text and "2. Hal (since " in listing.text

    removed = await harness.press(
        ADMIN, callback_data(listing, "Remove 1"), last_with_buttons(listing)
    )

    assert "Removed." in removed.text
    assert "Sam" not in removed.texts[-1] and "1. Hal" in removed.texts[-1]
    refused = await harness.send_photo(STRANGER, noise_jpeg(5))
    assert refused.texts == [
        "The owner of «Wedding» removed you from its photographers: your photos are not added."
    ]
    assert await _photos(harness) == 0
    assert "not valid" in (await harness.send(STRANGER, f"/start {invite(card)}")).text
    assert (await harness.send_photo(HELPER, noise_jpeg(6))).texts == []  # others still upload


async def test_only_the_owner_manages_photographers(harness: BotHarness) -> None:
    card = await event_card(harness)
    await joined(harness, STRANGER, card)
    await joined(harness, HELPER, card)
    listing = await harness.send(ADMIN, "/members")

    for command in ("/members", "/invite"):
        assert (await harness.send(STRANGER, command)).texts == [
            "Only the event's owner can do that."
        ]
    forged = await harness.press(
        STRANGER, callback_data(listing, "Remove 2"), last_with_buttons(listing)
    )
    assert "Only the event's owner can do that." in forged.text
    assert (await harness.send_photo(HELPER, noise_jpeg(7))).texts == []
