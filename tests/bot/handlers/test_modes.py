"""A photographer who is also a guest: the role they acted in last decides what a photo is."""

from __future__ import annotations

from tests.bot.handlers.steps import event_card, guest_link, noise_jpeg
from tests.bot.harness import ADMIN, BotHarness, callback_data, last_with_buttons


async def _photos(harness: BotHarness) -> int:
    services = harness.app.services
    return sum(summary.counts.photos for summary in await services.events.summaries())


async def test_after_opening_a_guest_link_a_photographers_photo_is_a_selfie(
    harness: BotHarness,
) -> None:
    card = await event_card(harness, "Wedding")
    assert (await harness.send_photo(ADMIN, noise_jpeg(1))).texts == []  # an upload
    assert await _photos(harness) == 1

    joined = await harness.send(ADMIN, f"/start {guest_link(card)}")
    assert "Guest mode: the photos you send now search «Wedding» for you" in joined.text
    await harness.press(ADMIN, callback_data(joined, "Accept"), last_with_buttons(joined))
    selfie = await harness.send_photo(ADMIN, noise_jpeg(2))

    assert await _photos(harness) == 1  # the selfie was not stored as an event photo
    assert "could not find a face" in selfie.text

    picker = await harness.send(ADMIN, "/use")
    back = await harness.press(
        ADMIN, callback_data(picker, "✅ Wedding"), last_with_buttons(picker)
    )
    assert "Photographer mode: the photos you send are uploads again" in back.text
    assert (await harness.send_photo(ADMIN, noise_jpeg(3))).texts == []
    assert await _photos(harness) == 2


async def test_a_new_event_makes_photos_uploads_again(harness: BotHarness) -> None:
    card = await event_card(harness, "Wedding")
    await harness.send(ADMIN, f"/start {guest_link(card)}")

    created = await event_card(harness, "Gala")

    assert "Photographer mode" in created.text
    assert (await harness.send_photo(ADMIN, noise_jpeg(4))).texts == []
    assert await _photos(harness) == 1
