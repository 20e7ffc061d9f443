"""Nothing is posted into groups: commands there get one line, everything else nothing."""

from __future__ import annotations

from aiogram.methods import SendMediaGroup, SendMessage, SendPhoto
from aiogram.types import Chat, Message, Update

from tests.bot.handlers.steps import event_card, guest_link, noise_jpeg
from tests.bot.harness import ADMIN, BotHarness, person

GUEST = person(7007, "Gia")
GROUP = Chat(id=-100123, type="supergroup", title="Wedding guests")


def _in_group(harness: BotHarness, update: Update) -> Update:
    assert update.message is not None
    message = update.message.model_copy(update={"chat": GROUP})
    return update.model_copy(update={"message": message})


async def test_commands_in_a_group_are_refused_and_nothing_else_is_posted(
    harness: BotHarness,
) -> None:
    card = await event_card(harness)
    payload = guest_link(card)

    for text in (f"/start {payload}", "/qr", "/links", "/newevent Party"):
        sender = GUEST if text.startswith("/start") else ADMIN
        replies = await harness.feed(_in_group(harness, harness.updates.text(sender, text)))
        assert replies.texts == [
            "I only work in a private chat: open a chat with me and send the command there."
        ]
        assert not replies.of(SendPhoto) and not replies.of(SendMediaGroup)
    harness.session.add_file("group-photo", noise_jpeg(1))
    photo = await harness.feed(_in_group(harness, harness.updates.photo(ADMIN, "group-photo")))
    assert photo.requests == []
    services = harness.app.services
    assert await services.guests.current_event(GUEST.id) is None  # the link did not join
    assert all(item.counts.photos == 0 for item in await services.events.summaries())


async def test_private_chats_are_served_as_before(harness: BotHarness) -> None:
    replies = await harness.send(ADMIN, "/help")
    assert replies.of(SendMessage) and isinstance(replies.messages[0], Message)
