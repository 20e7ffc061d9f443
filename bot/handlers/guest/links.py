"""/links lists the guest's live share links, each with a button that revokes it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from eventlens.bot.guest import texts
from eventlens.bot.keyboards.guest import RevokeLink, revoke_keyboard
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.guests.desk import GuestDesk


async def _listing(caller: Caller, guests: GuestDesk) -> tuple[str, InlineKeyboardMarkup | None]:
    active = await guests.links(caller.id)
    keyboard = revoke_keyboard([summary.link for summary in active]) if active else None
    return texts.links(active), keyboard


async def show(message: Message, caller: Caller, guests: GuestDesk) -> None:
    text, keyboard = await _listing(caller, guests)
    await message.answer(text, reply_markup=keyboard)


async def revoke(
    callback: CallbackQuery, callback_data: RevokeLink, caller: Caller, guests: GuestDesk
) -> None:
    await guests.revoke(caller.id, callback_data.link_id)
    await callback.answer(texts.link_revoked())
    if isinstance(callback.message, Message):
        text, keyboard = await _listing(caller, guests)
        await callback.message.edit_text(text, reply_markup=keyboard)


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(show, Command("links"))
    built.callback_query.register(revoke, RevokeLink.filter())
    return built
