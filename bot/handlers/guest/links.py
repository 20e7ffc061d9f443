"""/links lists the guest's live share links, a page at a time, each with a revoke button."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from eventlens.bot.guest import texts
from eventlens.bot.keyboards.guest import LinksPage, RevokeLink, revoke_keyboard
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.guests.desk import GuestDesk

# Links per message: with the longest event names a page stays under 4096 characters.
PAGE_SIZE = 10


async def _listing(
    caller: Caller, guests: GuestDesk, page: int = 0
) -> tuple[str, InlineKeyboardMarkup | None]:
    active = await guests.links(caller.id)
    pages = max(1, -(-len(active) // PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = active[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    first = page * PAGE_SIZE + 1
    keyboard = (
        revoke_keyboard([summary.link for summary in shown], page, pages, first) if shown else None
    )
    return texts.links(shown, first, page, pages), keyboard


async def show(message: Message, caller: Caller, guests: GuestDesk) -> None:
    text, keyboard = await _listing(caller, guests)
    await message.answer(text, reply_markup=keyboard)


async def turn(
    callback: CallbackQuery, callback_data: LinksPage, caller: Caller, guests: GuestDesk
) -> None:
    await callback.answer()
    if isinstance(callback.message, Message):
        text, keyboard = await _listing(caller, guests, callback_data.page)
        await callback.message.edit_text(text, reply_markup=keyboard)


async def revoke(
    callback: CallbackQuery, callback_data: RevokeLink, caller: Caller, guests: GuestDesk
) -> None:
    await guests.revoke(caller.id, callback_data.link_id)
    await callback.answer(texts.link_revoked())
    if isinstance(callback.message, Message):
        text, keyboard = await _listing(caller, guests, callback_data.page)
        await callback.message.edit_text(text, reply_markup=keyboard)


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(show, Command("links"))
    built.callback_query.register(revoke, RevokeLink.filter())
    built.callback_query.register(turn, LinksPage.filter())
    return built
