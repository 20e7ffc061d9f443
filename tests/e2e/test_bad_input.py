"""Bad input gets a clear reply and loses nothing: no event selected, a PDF, a
corrupt or fake JPEG, a file over the download limit, a ZIP of 10,000 tiny files,
the same photo twice."""

from __future__ import annotations

import os

from tests.e2e.conftest import RunningBot
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.flows import create_event
from tests.e2e.photos import event_photos, zip_of
from tests.e2e.telegram_user import FakeUser

MB = 1024 * 1024


async def test_a_photo_with_no_event_selected_is_refused_with_directions(
    running_bot: RunningBot, admin: FakeUser
) -> None:
    await admin.send_photo(event_photos(1, seed=8)[0])
    reply = await admin.expect_message()
    assert reply.text.startswith("No event is selected. Choose one with /use")
    assert await running_bot.services.db.fetch_one("SELECT 1 FROM photos") is None


async def test_bad_files_are_refused_and_good_ones_kept(
    running_bot: RunningBot, fake_api: FakeBotAPI, admin: FakeUser
) -> None:
    await create_event(admin, "Fair")
    good, twin, broken_source = event_photos(3, seed=9)

    await admin.send_document(b"%PDF-1.7\n" + os.urandom(2000), "report.pdf", "application/pdf")
    assert (await admin.expect_message()).text == (
        "I cannot index report.pdf: send photos (JPEG, PNG, WebP, HEIC) or a ZIP of them."
    )

    await admin.send_document(os.urandom(5000), "holiday.jpg", "image/jpeg")
    assert (await admin.expect_message()).text == "Not added: not an image I can read."

    gets_before = len(fake_api.calls_to("getFile"))
    await admin.send_document(b"\xff\xd8" + bytes(100), "huge.jpg", "image/jpeg", 25 * MB)
    assert (await admin.expect_message()).text == (
        "This file is 25 MB, but bots can download at most 20 MB from Telegram. "
        "Split it into smaller files or ZIPs."
    )
    assert len(fake_api.calls_to("getFile")) == gets_before, "it must not even ask for the file"

    # A JPEG cut in half passes the header check and is caught when decoded.
    await admin.send_document(broken_source[: len(broken_source) // 2], "broken.jpg", "image/jpeg")
    await admin.send_photo(good)
    progress = await admin.expect_message(containing="⏳")
    await fake_api.wait_for(lambda: "upload finished" in progress.text, 60, "the summary")
    assert "Photos indexed: 1 ·" in progress.text
    assert "• broken.jpg: the JPEG file is cut short" in progress.text

    # The same photo again: stored once, reported as a duplicate.
    await admin.send_photo(good)
    duplicate = await admin.expect_message()
    assert duplicate.text.startswith("Not added: already in the event as photo-")

    await admin.send_photo(twin)
    progress = await admin.expect_message(containing="⏳")
    await fake_api.wait_for(lambda: "upload finished" in progress.text, 60, "the summary")

    event = await running_bot.services.events.by_slug("fair")
    assert event is not None
    stored = await running_bot.services.photos.of_event(event.id)
    assert len(stored) == 2 and {photo.status for photo in stored} == {"indexed"}


async def test_a_zip_of_ten_thousand_tiny_files_is_summed_up_in_one_message(
    running_bot: RunningBot, fake_api: FakeBotAPI, admin: FakeUser
) -> None:
    await create_event(admin, "Crowd")
    photo = event_photos(1, seed=10)[0]
    junk = [(f"dump/{i:05d}.jpg", b"x" * (i % 7 + 1)) for i in range(10_000)]
    await admin.send_document(zip_of([("dump/real.jpg", photo), *junk]), "dump.zip", None)

    progress = await admin.expect_message(containing="⏳")
    await fake_api.wait_for(lambda: "upload finished" in progress.text, 180, "the summary")
    summary = progress.text
    assert len(summary) <= 4096
    assert "Photos indexed: 1 ·" in summary
    assert "⚠️ Skipped: 10,000" in summary
    assert "• not an image I can read: 10,000 (e.g. dump.zip:dump/00000.jpg," in summary

    skipped = await running_bot.services.db.fetch_one("SELECT COUNT(*) FROM skipped")
    assert skipped is not None and skipped[0] == 10_000
    await admin.send("/stats")
    assert "«Crowd» (crowd)" in (await admin.expect_message()).text
