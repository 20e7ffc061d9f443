"""Who may do what: owners, invited co-photographers, strangers. Every refusal is a
polite reply, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable

from eventlens.bot.keyboards.events import EventDeletion, EventPick
from tests.e2e.conftest import RunningBot
from tests.e2e.fake_bot_api import ChatMessage, FakeBotAPI
from tests.e2e.flows import create_event, upload_summary
from tests.e2e.photos import event_photos
from tests.e2e.telegram_user import FakeUser


def deliver_photo(api: FakeBotAPI, chat_id: int, upload: ChatMessage) -> ChatMessage:
    """Put a photo the bot 'sent' into a chat (as the guest side delivers albums)."""
    return api.store_message(
        chat_id,
        {
            "message_id": api.next_message_id(chat_id),
            "date": 0,
            "chat": {"id": chat_id, "type": "private"},
            "from": api.bot_user,
            "photo": upload.data["photo"],
        },
        from_bot=True,
    )


async def test_co_photographer_uploads_only_to_the_event_they_were_invited_to(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
) -> None:
    alpha = await create_event(admin, "Alpha")
    await create_event(admin, "Beta")
    services = running_bot.services
    alpha_event, beta_event = [await services.events.by_slug(s) for s in ("alpha", "beta")]
    assert alpha_event is not None and beta_event is not None
    photos = event_photos(3, seed=3)

    helper = user(2002, "Hana")
    await helper.send(f"/start ph_{alpha.invite_token}")
    welcome = await helper.expect_message(containing="You are now a photographer for «Alpha»")
    await fake_api.wait_for(
        lambda: any('"chat_id": 2002' in scope for scope, _ in fake_api.commands), what="menu"
    )

    upload = await helper.send_photo(photos[0])
    assert "«Alpha»" in (await upload_summary(helper)).text
    assert [p.event_id for p in await services.photos.of_event(alpha_event.id)] == [alpha_event.id]

    # A forged /use button for Beta is refused and changes nothing.
    query = await helper.press_data(welcome, EventPick(event_id=beta_event.id).pack())
    answer = await helper.expect_answer(query)
    assert answer["text"] == "Sorry, that is only for the photographers of that event."
    await helper.send_photo(photos[1])
    assert "«Alpha»" in (await upload_summary(helper)).text

    # Owner-only commands.
    for command in ("/close", "/delete_event"):
        await helper.send(command)
        assert (await helper.expect_message()).text == "Only the event's owner can do that."
    assert not (await services.events.by_id(alpha_event.id)).closed  # type: ignore[union-attr]

    # A Beta photo delivered into the helper's chat cannot be deleted by them.
    await admin.send("/use")
    picker = await admin.expect_message(lambda m: bool(m.buttons))
    await admin.press(picker, "Beta")
    await fake_api.wait_for(lambda: "Uploads now go to «Beta»" in picker.text, what="choice")
    beta_upload = await admin.send_photo(photos[2])
    assert "«Beta»" in (await upload_summary(admin)).text
    delivered = deliver_photo(fake_api, helper.id, beta_upload)
    await helper.send("/delete", reply_to=delivered.message_id)
    refusal = await helper.expect_message(lambda m: m.message_id > delivered.message_id)
    assert refusal.text == "Sorry, that is only for the photographers of that event."
    assert len(await services.photos.of_event(beta_event.id)) == 1

    # Their own Alpha photo they may delete.
    await helper.send("/delete", reply_to=upload.message_id)
    assert "Removed from «Alpha»" in (await helper.expect_message(containing="Removed")).text


async def test_a_stranger_cannot_upload_choose_close_or_delete(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
) -> None:
    await create_event(admin, "Private party")
    services = running_bot.services
    event = await services.events.by_slug("private-party")
    assert event is not None
    upload = await admin.send_photo(event_photos(1, seed=4)[0])
    await upload_summary(admin)

    stranger = user(3003, "Max")
    await stranger.send("/start ph_not-a-real-token")
    assert "not valid" in (await stranger.expect_message()).text

    await stranger.send_photo(event_photos(2, seed=5)[1])
    reply = await stranger.expect_message()  # a guest's photo: directions to join, no upload
    assert "photo of the event's QR code" in reply.text
    assert len(await services.photos.of_event(event.id)) == 1

    for command in ("/use", "/close", "/stats", "/delete_event"):
        await stranger.send(command)
        assert "for the event's photographers" in (await stranger.expect_message()).text

    for data in (
        EventPick(event_id=event.id).pack(),
        EventDeletion(event_id=event.id, confirm=True).pack(),
    ):
        query = await stranger.press_data(reply, data)
        assert (await stranger.expect_answer(query))["text"] == (
            "Sorry, that is only for the photographers of that event."
        )

    delivered = deliver_photo(fake_api, stranger.id, upload)
    await stranger.send("/delete", reply_to=delivered.message_id)
    answer = await stranger.expect_message(lambda m: m.message_id > delivered.message_id)
    assert "for the event's photographers" in answer.text

    assert await services.events.by_id(event.id) is not None
    assert not (await services.events.by_id(event.id)).closed  # type: ignore[union-attr]
    assert len(await services.photos.of_event(event.id)) == 1
    assert not any(m.text.startswith("Sorry, something went wrong") for m in stranger.messages())
