"""Reply /delete to a photo to take it out of the event everywhere."""

from __future__ import annotations

from tests.bot.handlers.steps import event_card, joined, noise_jpeg
from tests.bot.harness import ADMIN, STRANGER, BotHarness


async def test_delete_needs_a_reply_to_a_photo(harness: BotHarness) -> None:
    await event_card(harness)
    replies = await harness.send(ADMIN, "/delete")
    assert replies.texts == ["Reply /delete to the photo you want to remove."]


async def test_reply_delete_removes_the_upload(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")
    upload = harness.updates.photo(ADMIN, "wedding-1")
    harness.session.add_file("wedding-1", noise_jpeg(5))
    await harness.feed(upload)
    assert upload.message is not None
    removed = await harness.send(ADMIN, "/delete", reply_to=upload.message)
    assert removed.texts == ["Removed from «Wedding»: guests will no longer get this photo."]
    assert "0 photos," in (await harness.send(ADMIN, "/stats")).text
    again = await harness.send(ADMIN, "/delete", reply_to=upload.message)
    assert again.texts == ["That photo is not in any of your events."]


async def test_a_photo_of_another_event_is_refused(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")
    upload = harness.updates.photo(ADMIN, "wedding-2")
    harness.session.add_file("wedding-2", noise_jpeg(6))
    await harness.feed(upload)
    assert upload.message is not None
    await joined(harness, STRANGER, await event_card(harness, "Gala"))
    refused = await harness.send(STRANGER, "/delete", reply_to=upload.message)
    assert refused.texts == ["Sorry, that is only for the photographers of that event."]
    await harness.send(ADMIN, "/use")
    assert "1 photo," in (await harness.send(ADMIN, "/events")).text
