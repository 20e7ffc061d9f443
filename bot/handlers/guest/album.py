"""Buttons under an album: its groups, sending a large one, possible matches, ⬇ ✖ ✓ 🙈."""

from __future__ import annotations

import contextlib

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from eventlens.bot.guest import texts
from eventlens.bot.guest.album_sender import AlbumSender
from eventlens.bot.guest.search_flow import SENT_KEY, deliver, show_possible
from eventlens.bot.guest.stars import send_invoice
from eventlens.bot.keyboards.guest import (
    AlbumGroup,
    AlbumMore,
    AlbumSend,
    PhotoAction,
    album_keyboard,
    without_data,
    without_face,
)
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.web.mini_app import mini_app_url
from eventlens.core.guests.desk import GuestDesk
from eventlens.core.guests.outcomes import HidingOff
from eventlens.core.sales.orders import Orders
from eventlens.core.search.album import PAGE_SIZE
from eventlens.settings import Settings


async def more(
    callback: CallbackQuery,
    callback_data: AlbumMore,
    bot: Bot,
    caller: Caller,
    guests: GuestDesk,
    sender: AlbumSender,
    state: FSMContext,
) -> None:
    """Possible matches (the next ones not shown yet); the pressed button goes."""
    album = guests.album(caller.id)
    await callback.answer()
    message = callback.message
    chat_id = message.chat.id if message else caller.id
    if album is None:
        await bot.send_message(chat_id, texts.expired())
        return
    if isinstance(message, Message) and message.reply_markup is not None:
        with contextlib.suppress(TelegramBadRequest):
            await message.edit_reply_markup(
                reply_markup=without_data(message.reply_markup, callback_data.pack())
            )
    if callback_data.tier == "maybe":
        await show_possible(bot, chat_id, album, sender, state)
    else:  # a "Show more" of an album sent before whole albums went out unasked
        await bot.send_message(chat_id, texts.no_more())


async def group(
    callback: CallbackQuery,
    callback_data: AlbumGroup,
    caller: Caller,
    guests: GuestDesk,
    settings: Settings,
) -> None:
    """Show one group's ⬇/✖ buttons (or the list of groups) on the closing message."""
    album = guests.album(caller.id)
    if album is None:
        await callback.answer(texts.expired(), show_alert=True)
        return
    await callback.answer()
    if isinstance(callback.message, Message):
        chosen = callback_data.group if callback_data.group >= 0 else None
        keyboard = album_keyboard(
            album,
            chosen,
            hide=await guests.may_hide(caller.id),
            gallery=mini_app_url(settings.public_url),
            buy_all=await guests.album_price(caller.id),
        )
        with contextlib.suppress(TelegramBadRequest):  # pressed twice: not modified
            await callback.message.edit_reply_markup(reply_markup=keyboard)


async def send_all(
    callback: CallbackQuery,
    bot: Bot,
    caller: Caller,
    guests: GuestDesk,
    sender: AlbumSender,
    state: FSMContext,
    settings: Settings,
) -> None:
    """A large album, sent into the chat on request."""
    album = guests.album(caller.id)
    if album is None:
        await callback.answer(texts.expired(), show_alert=True)
        return
    await callback.answer()
    message = callback.message
    if isinstance(message, Message):
        with contextlib.suppress(TelegramBadRequest):
            keyboard = album_keyboard(
                album,
                hide=await guests.may_hide(caller.id),
                gallery=mini_app_url(settings.public_url),
                buy_all=await guests.album_price(caller.id),
            )
            await message.edit_reply_markup(reply_markup=keyboard)
    await deliver(bot, message.chat.id if message else caller.id, album, sender, state)


async def original(
    callback: CallbackQuery,
    callback_data: PhotoAction,
    bot: Bot,
    caller: Caller,
    guests: GuestDesk,
    sender: AlbumSender,
    orders: Orders,
) -> None:
    """⬇: the original as a document, or its invoice where the event sells originals."""
    found = await guests.original(caller.id, callback_data.face_id)
    if found is None:
        await callback.answer(texts.expired(), show_alert=True)
        return
    await callback.answer()
    invoice = await orders.for_photo(caller.id, found)
    if invoice is not None:
        await send_invoice(bot, caller.id, invoice)
        return
    await bot.send_chat_action(caller.id, "upload_document")
    await sender.send_original(bot, caller.id, found.photo, found.name)


async def similar(
    callback: CallbackQuery,
    callback_data: PhotoAction,
    bot: Bot,
    caller: Caller,
    guests: GuestDesk,
    sender: AlbumSender,
) -> None:
    """The rest of a burst, behind its best shot's "similar (n)" button."""
    album = guests.album(caller.id)
    shown = (
        next((m for m in album.sure if m.face_id == callback_data.face_id), None) if album else None
    )
    if album is None or shown is None:
        await callback.answer(texts.expired(), show_alert=True)
        return
    await callback.answer()
    rest = [match.photo_id for match in album.similar_to(shown.photo_id)]
    for start in range(0, len(rest), PAGE_SIZE):
        await sender.send_previews(bot, caller.id, rest[start : start + PAGE_SIZE], start + 1)


async def confirm(
    callback: CallbackQuery, callback_data: PhotoAction, caller: Caller, guests: GuestDesk
) -> None:
    """ "That's me": the photo joins the album and the link; its caption says so."""
    outcome = await guests.confirm(caller.id, callback_data.face_id)
    await callback.answer(texts.confirmed())
    if isinstance(callback.message, Message):
        with contextlib.suppress(TelegramBadRequest):  # confirmed twice: not modified
            await callback.message.edit_caption(
                caption=texts.confirmed_caption(outcome.number), reply_markup=None
            )


async def hide(
    callback: CallbackQuery, callback_data: PhotoAction, caller: Caller, guests: GuestDesk
) -> None:
    """ "Hide from others": the photo leaves other guests' albums; its 🙈 button goes."""
    outcome = await guests.hide(caller.id, callback_data.face_id)
    if isinstance(outcome, HidingOff):
        await callback.answer(texts.hiding_off(), show_alert=True)
        return
    await callback.answer(texts.hidden(), show_alert=True)
    message = callback.message
    if isinstance(message, Message) and message.reply_markup is not None:
        with contextlib.suppress(TelegramBadRequest):
            await message.edit_reply_markup(
                reply_markup=without_data(message.reply_markup, callback_data.pack())
            )


async def not_me(
    callback: CallbackQuery,
    callback_data: PhotoAction,
    bot: Bot,
    caller: Caller,
    guests: GuestDesk,
    state: FSMContext,
) -> None:
    await guests.not_me(caller.id, callback_data.face_id)
    await callback.answer(texts.removed())
    sent = (await state.get_data()).get(SENT_KEY, {})
    message = callback.message
    with contextlib.suppress(TelegramBadRequest):  # already gone, or too old to delete
        if callback_data.face_id in sent:
            await bot.delete_message(caller.id, sent[callback_data.face_id])
        if isinstance(message, Message) and message.reply_markup is not None:
            await message.edit_reply_markup(
                reply_markup=without_face(message.reply_markup, callback_data.face_id)
            )


def router() -> Router:
    built = Router(name=__name__)
    built.callback_query.register(more, AlbumMore.filter())
    built.callback_query.register(group, AlbumGroup.filter())
    built.callback_query.register(send_all, AlbumSend.filter())
    built.callback_query.register(original, PhotoAction.filter(F.action == "original"))
    built.callback_query.register(confirm, PhotoAction.filter(F.action == "confirm"))
    built.callback_query.register(not_me, PhotoAction.filter(F.action == "not_me"))
    built.callback_query.register(hide, PhotoAction.filter(F.action == "hide"))
    built.callback_query.register(similar, PhotoAction.filter(F.action == "similar"))
    return built
