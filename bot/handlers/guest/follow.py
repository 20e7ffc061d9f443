"""/follow keeps the current search's face data to push new photos; /unfollow drops it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from eventlens.bot.guest import texts
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.guests.desk import GuestDesk
from eventlens.core.guests.outcomes import Following, NoEvent, Unfollowed


async def follow(message: Message, caller: Caller, guests: GuestDesk) -> None:
    outcome = await guests.follow(caller.id)
    if isinstance(outcome, NoEvent):
        await message.answer(texts.join_first())
    elif isinstance(outcome, Following):
        await message.answer(texts.following(outcome.event.name))
    else:
        await message.answer(texts.selfie_before_follow())


async def unfollow(message: Message, caller: Caller, guests: GuestDesk) -> None:
    outcome = await guests.unfollow(caller.id)
    if isinstance(outcome, Unfollowed):
        await message.answer(texts.unfollowed(outcome.event.name))
    else:
        await message.answer(texts.join_first())


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(follow, Command("follow"))
    built.message.register(unfollow, Command("unfollow"))
    return built
