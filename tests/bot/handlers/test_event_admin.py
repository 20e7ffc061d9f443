"""/stats, /close, /reopen and /delete_event with its confirmation buttons."""

from __future__ import annotations

from aiogram.methods import AnswerCallbackQuery

from eventlens.storage.blobs import sha256_hex
from tests.bot.handlers.steps import event_card, joined, noise_jpeg
from tests.bot.harness import ADMIN, STRANGER, BotHarness, callback_data, last_with_buttons


async def test_stats_shows_the_selected_events_numbers(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")
    await harness.send_photo(ADMIN, noise_jpeg(1))
    lines = (await harness.send(ADMIN, "/stats")).texts[0].split("\n")
    assert lines[0].startswith("«Wedding» (")
    assert lines[1:] == [
        "1 photo, 0 faces, 0 guests",
        "People in several photos: 0",
        "Selfie searches: 0",
        "Albums delivered: 0",
        "Gallery views: 0",
        "1 photo still being indexed",
        "1 photographer",
        "Open for uploads.",
        "Guest data is kept until the event closes, then 30 days (/retention).",
    ]


async def test_stats_without_a_selected_event_says_how_to_pick_one(harness: BotHarness) -> None:
    replies = await harness.send(ADMIN, "/stats")
    assert replies.texts == [
        "No event is selected. Choose one with /use (or create one with /newevent), "
        "then send the photos again."
    ]


async def test_close_stops_uploads_and_reopen_takes_them_again(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")
    closed = await harness.send(ADMIN, "/close")
    assert closed.texts[0].startswith("«Wedding» is closed: no more uploads.")
    assert "\nClosed: no uploads.\n" in (await harness.send(ADMIN, "/stats")).texts[0]
    refused = await harness.send_photo(ADMIN, noise_jpeg(2))
    assert refused.texts == ["«Wedding» is closed and takes no uploads; its owner can /reopen it."]
    assert (await harness.send(ADMIN, "/reopen")).texts == ["«Wedding» takes uploads again."]
    assert (await harness.send_photo(ADMIN, noise_jpeg(2))).texts == []


async def test_only_the_owner_closes_or_deletes(harness: BotHarness) -> None:
    await joined(harness, STRANGER, await event_card(harness, "Wedding"))
    for command in ("/close", "/reopen", "/delete_event"):
        replies = await harness.send(STRANGER, command)
        assert replies.texts == ["Only the event's owner can do that."], command


async def test_delete_event_asks_first_and_cancel_keeps_everything(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")
    await harness.send_photo(ADMIN, noise_jpeg(3))
    asked = await harness.send(ADMIN, "/delete_event")
    assert asked.texts == [
        "Delete «Wedding» and everything in it (1 photo, 0 faces, 0 guests), including what "
        "guests saved? This cannot be undone."
    ]
    assert [label for label, _data in asked.buttons()] == ["Delete for good", "Cancel"]
    kept = await harness.press(ADMIN, callback_data(asked, "Cancel"), last_with_buttons(asked))
    assert kept.texts == ["Kept. Nothing was deleted."]
    assert "1 photo," in (await harness.send(ADMIN, "/stats")).text


async def test_confirmed_delete_removes_the_event(harness: BotHarness) -> None:
    card = await event_card(harness, "Wedding")
    await harness.send_photo(ADMIN, noise_jpeg(4))
    assert harness.app.services.blobs.exists(sha256_hex(noise_jpeg(4)))
    asked = await harness.send(ADMIN, "/delete_event")
    button = callback_data(asked, "Delete for good")
    await joined(harness, STRANGER, card)
    forged = await harness.press(STRANGER, button, last_with_buttons(asked))
    assert forged.of(AnswerCallbackQuery)[0].text == "Only the event's owner can do that."
    deleted = await harness.press(ADMIN, button, last_with_buttons(asked))
    assert deleted.texts == ["«Wedding» is deleted: photos, faces and links are gone."]
    assert (await harness.send(ADMIN, "/events")).texts == [
        "You have no events yet. Create one with /newevent."
    ]
    assert not harness.app.services.blobs.exists(sha256_hex(noise_jpeg(4)))
