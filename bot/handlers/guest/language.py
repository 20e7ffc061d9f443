"""/language overrides the language Telegram reports, for every later reply."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import I18n

from eventlens.bot.guest import texts
from eventlens.bot.i18n import languages
from eventlens.bot.keyboards.guest import PickLanguage, language_keyboard
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.guests.desk import GuestDesk


async def choose(message: Message, i18n: I18n) -> None:
    await message.answer(texts.choose_language(), reply_markup=language_keyboard(languages(i18n)))


async def picked(
    callback: CallbackQuery,
    callback_data: PickLanguage,
    caller: Caller,
    guests: GuestDesk,
    i18n: I18n,
) -> None:
    if callback_data.code not in languages(i18n):
        await callback.answer()
        return
    await guests.set_language(caller.id, callback_data.code)
    with i18n.use_locale(callback_data.code):
        text = texts.language_set()
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_text(text)


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(choose, Command("language"))
    built.callback_query.register(picked, PickLanguage.filter())
    return built
