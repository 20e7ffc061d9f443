"""/follow keeps the current search's face data to push new photos; /unfollow drops it,
for the one followed event, or for the event (or all) the guest picks."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from eventlens.bot.guest import texts
from eventlens.bot.keyboards.guest import UnfollowPick, unfollow_keyboard
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.guests.desk import GuestDesk
from eventlens.core.guests.outcomes import Following, NoEvent, Unfollowed, UnfollowOutcome


async def follow(message: Message, caller: Caller, guests: GuestDesk) -> None:
    outcome = await guests.follow(caller.id)
    if isinstance(outcome, NoEvent):
        await message.answer(texts.join_first())
    elif isinstance(outcome, Following):
        await message.answer(texts.following(outcome.event.name))
    else:
        await message.answer(texts.selfie_before_follow())


def _said(outcome: UnfollowOutcome) -> str:
    if isinstance(outcome, Unfollowed):
        return "\n".join(texts.unfollowed(event.name) for event in outcome.events)
    return texts.not_following()


async def unfollow(message: Message, caller: Caller, guests: GuestDesk) -> None:
    followed = await guests.followed(caller.id)
    if len(followed) > 1:
        await message.answer(texts.which_unfollow(), reply_markup=unfollow_keyboard(followed))
        return
    await message.answer(_said(await guests.unfollow(caller.id)))


async def picked(
    callback: CallbackQuery, callback_data: UnfollowPick, caller: Caller, guests: GuestDesk
) -> None:
    outcome = await guests.unfollow(caller.id, callback_data.event_id or None)
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_text(_said(outcome))


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(follow, Command("follow"))
    built.message.register(unfollow, Command("unfollow"))
    built.callback_query.register(picked, UnfollowPick.filter())
    return built
