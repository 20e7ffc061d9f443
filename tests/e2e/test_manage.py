"""/events, /stats, /use, reply-/delete, /close, /reopen and /delete_event."""

from __future__ import annotations

from tests.e2e.conftest import RunningBot
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.flows import create_event
from tests.e2e.photos import event_photos
from tests.e2e.telegram_user import FakeUser


async def _upload(api: FakeBotAPI, owner: FakeUser, photos: list[bytes]) -> None:
    for data in photos:
        await owner.send_photo(data)
    progress = await owner.expect_message(containing="⏳")
    await api.wait_for(lambda: "upload finished" in progress.text, 60, "the summary")


async def test_an_owner_manages_events_from_the_chat(
    running_bot: RunningBot, fake_api: FakeBotAPI, admin: FakeUser
) -> None:
    services = running_bot.services
    await create_event(admin, "Wedding", "14.06.2026")
    wedding = await services.events.by_slug("wedding-2026-06-14")
    assert wedding is not None
    photos = event_photos(4, seed=11)
    await _upload(fake_api, admin, photos[:2])
    uploads = [m for m in fake_api.chats[admin.id].values() if m.data.get("photo")]
    first_upload = next(m for m in uploads if not m.from_bot)
    faces = len(await services.photos.faces_of_event(wedding.id))

    await admin.send("/events")
    listing = (await admin.expect_message()).text
    assert listing.startswith("Your events:")
    assert f"✅ Wedding (wedding-2026-06-14)\n    2 photos, {faces} faces, 0 guests" in listing

    await admin.send("/stats")
    stats = (await admin.expect_message()).text
    assert "«Wedding» (wedding-2026-06-14)" in stats and "1 photographer" in stats
    assert "0 photos still being indexed" in stats and "Open for uploads." in stats

    # Reply /delete to an uploaded photo: gone from rows, vectors and blobs.
    doomed = next(
        p
        for p in await services.photos.of_event(wedding.id)
        if p.source == f"photo-{first_upload.message_id}.jpg"
    )
    await admin.send("/delete", reply_to=first_upload.message_id)
    assert "Removed from «Wedding»" in (await admin.expect_message()).text
    remaining = await services.photos.of_event(wedding.id)
    assert [p.id for p in remaining] != [] and doomed.id not in {p.id for p in remaining}
    assert services.vectors.count(wedding.id) == len(
        await services.photos.faces_of_event(wedding.id)
    )
    assert not services.blobs.exists(doomed.sha256)

    await admin.send("/close")
    assert "«Wedding» is closed" in (await admin.expect_message()).text
    await admin.send_photo(photos[2])
    assert (await admin.expect_message()).text == (
        "«Wedding» is closed and takes no uploads; its owner can /reopen it."
    )
    await admin.send("/reopen")
    assert (await admin.expect_message()).text == "«Wedding» takes uploads again."
    await _upload(fake_api, admin, photos[2:3])

    # Two events: /use switches between them.
    await create_event(admin, "Party")
    await admin.send("/use")
    picker = await admin.expect_message(lambda m: bool(m.buttons))
    assert [b["text"] for b in picker.buttons] == ["Wedding", "✅ Party"]
    await admin.press(picker, "Wedding")
    await fake_api.wait_for(lambda: "Uploads now go to «Wedding»" in picker.text, what="choice")

    # /delete_event asks first; Cancel keeps everything.
    await admin.send("/delete_event")
    confirm = await admin.expect_message(lambda m: bool(m.buttons))
    assert "Delete «Wedding» and everything in it (2 photos," in confirm.text
    await admin.press(confirm, "Cancel")
    await fake_api.wait_for(lambda: confirm.text == "Kept. Nothing was deleted.", what="cancel")
    assert await services.events.by_id(wedding.id) is not None

    await admin.send("/delete_event")
    confirm = await admin.expect_message(lambda m: bool(m.buttons))
    await admin.press(confirm, "Delete for good")
    await fake_api.wait_for(lambda: "is deleted" in confirm.text, what="deletion")
    assert await services.events.by_id(wedding.id) is None
    assert await services.photos.of_event(wedding.id) == []
    assert await services.photos.faces_of_event(wedding.id) == []
    assert all(not services.blobs.exists(p.sha256) for p in remaining)
    assert not services.vectors.exists(wedding.id)

    await admin.send("/events")
    listing = (await admin.expect_message()).text
    assert "Wedding" not in listing and "Party" in listing
