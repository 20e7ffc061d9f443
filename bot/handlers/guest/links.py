"""/links lists the guest's live share links, each with a button that revokes it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from eventlens.bot.guest import texts
from eventlens.bot.keyboards.guest import RevokeLink, revoke_keyboard
from eventlens.bot.middlewares.caller import Caller
from eventlens.services import Services


async def _listing(caller: Caller, services: Services) -> tuple[str, InlineKeyboardMarkup | None]:
    active = await services.guests.links(caller.id)
    names: dict[str, str] = {}
    counts: dict[str, int] = {}
    for link in active:
        event = await services.events.by_id(link.record.event_id)
        names[link.record.event_id] = event.name if event else "?"
        counts[link.record.id] = len(await services.share_links.photo_ids(link.record.id))
    return texts.links(active, names, counts), revoke_keyboard(active) if active else None


async def show(message: Message, caller: Caller, services: Services) -> None:
    text, keyboard = await _listing(caller, services)
    await message.answer(text, reply_markup=keyboard)


async def revoke(
    callback: CallbackQuery, callback_data: RevokeLink, caller: Caller, services: Services
) -> None:
    await services.guests.revoke(caller.id, callback_data.link_id)
    await callback.answer(texts.link_revoked())
    if isinstance(callback.message, Message):
        text, keyboard = await _listing(caller, services)
        await callback.message.edit_text(text, reply_markup=keyboard)


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(show, Command("links"))
    built.callback_query.register(revoke, RevokeLink.filter())
    return built
