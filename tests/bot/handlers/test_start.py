"""/start with an invite link, and the photographers' /start and /help."""

from __future__ import annotations

from aiogram.methods import SetMyCommands

from tests.bot.handlers.steps import event_card, invite
from tests.bot.harness import ADMIN, STRANGER, BotHarness, person


async def test_invite_link_makes_a_photographer_with_the_full_menu(harness: BotHarness) -> None:
    payload = invite(await event_card(harness))
    replies = await harness.send(STRANGER, f"/start {payload}")
    assert "You are now a photographer for «Wedding»" in replies.text
    menus = replies.of(SetMyCommands)
    assert menus and all(menu.scope.chat_id == STRANGER.id for menu in menus)
    again = await harness.send(STRANGER, f"/start {payload}")
    assert "already a photographer for «Wedding»" in again.text
    assert not again.of(SetMyCommands)


async def test_owner_following_own_invite_is_told_they_own_it(harness: BotHarness) -> None:
    payload = invite(await event_card(harness))
    replies = await harness.send(ADMIN, f"/start {payload}")
    assert replies.texts == ["You own «Wedding»; photos you send here go to it."]


async def test_forged_invite_is_refused(harness: BotHarness) -> None:
    replies = await harness.send(STRANGER, "/start ph_not-a-real-token")
    assert replies.texts == ["This invite link is not valid. Ask the event's owner for a new one."]


async def test_admin_start_and_help_explain_the_bot_and_set_the_menu(harness: BotHarness) -> None:
    for command in ("/start", "/help"):
        replies = await harness.send(ADMIN, command)
        assert replies.texts[0].startswith("EventLens finds every photo a guest is in")
        assert replies.of(SetMyCommands)


async def test_help_speaks_the_photographers_language(harness: BotHarness) -> None:
    payload = invite(await event_card(harness))
    spanish = person(5005, "Dora", "es")
    await harness.send(spanish, f"/start {payload}")
    replies = await harness.send(spanish, "/help")
    assert replies.texts and not replies.texts[0].startswith("EventLens finds every photo")
    assert "/newevent" in replies.texts[0]
