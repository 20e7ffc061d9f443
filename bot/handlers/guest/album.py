"""Buttons under an album: more photos, possible matches, the original, "not me"."""

from __future__ import annotations

import contextlib

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from eventlens.bot.guest import texts
from eventlens.bot.guest.album_sender import AlbumSender
from eventlens.bot.guest.search_flow import SENT_KEY, show_page
from eventlens.bot.keyboards.guest import AlbumMore, PhotoAction, without_face
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.guests.desk import GuestDesk


async def more(
    callback: CallbackQuery,
    callback_data: AlbumMore,
    bot: Bot,
    caller: Caller,
    guests: GuestDesk,
    sender: AlbumSender,
    state: FSMContext,
) -> None:
    album = guests.album(caller.id)
    await callback.answer()
    chat_id = callback.message.chat.id if callback.message else caller.id
    if album is None:
        await bot.send_message(chat_id, texts.expired())
        return
    await show_page(bot, chat_id, album, callback_data.tier, callback_data.page, sender, state)


async def original(
    callback: CallbackQuery,
    callback_data: PhotoAction,
    bot: Bot,
    caller: Caller,
    guests: GuestDesk,
    sender: AlbumSender,
) -> None:
    found = await guests.original(caller.id, callback_data.face_id)
    if found is None:
        await callback.answer(texts.expired(), show_alert=True)
        return
    await callback.answer()
    await bot.send_chat_action(caller.id, "upload_document")
    await sender.send_original(bot, caller.id, found.photo, found.name)


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
    built.callback_query.register(original, PhotoAction.filter(F.action == "original"))
    built.callback_query.register(not_me, PhotoAction.filter(F.action == "not_me"))
    return built
