"""/follow keeps the current search's face data to push new photos; /unfollow drops it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from eventlens.bot.guest import texts
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.errors import NoSearchError
from eventlens.services import Services


async def follow(message: Message, caller: Caller, services: Services) -> None:
    event = await services.guests.current_event(caller.id)
    if event is None:
        await message.answer(texts.join_first())
        return
    try:
        await services.guests.follow(caller.id, event.id)
    except NoSearchError:
        await message.answer(texts.selfie_before_follow())
        return
    await message.answer(texts.following(event.name))


async def unfollow(message: Message, caller: Caller, services: Services) -> None:
    event = await services.guests.current_event(caller.id)
    if event is None:
        await message.answer(texts.join_first())
        return
    await services.guests.unfollow(caller.id, event.id)
    await message.answer(texts.unfollowed(event.name))


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(follow, Command("follow"))
    built.message.register(unfollow, Command("unfollow"))
    return built
