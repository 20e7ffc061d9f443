"""Photos from guests (a QR code or a selfie), "which one are you?", another selfie."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from eventlens.bot.guest import texts
from eventlens.bot.guest.album_sender import AlbumSender
from eventlens.bot.guest.search_flow import REFINING, show_result, take_photo
from eventlens.bot.keyboards.guest import AnotherSelfie, FacePick
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.uploads.download import fetch_bytes
from eventlens.core.refusals import FileTooLargeError
from eventlens.services import Services

MEGABYTE = 1024 * 1024
# A selfie never needs more; bigger files are refused before any download.
SELFIE_LIMIT = 20 * MEGABYTE


async def _download(message: Message, bot: Bot, file_id: str, size: int | None) -> bytes | None:
    try:
        return await fetch_bytes(bot, file_id, size, SELFIE_LIMIT)
    except FileTooLargeError as error:
        await message.answer(texts.too_big(-(-error.size // MEGABYTE)))
        return None


async def photo(
    message: Message,
    bot: Bot,
    caller: Caller,
    services: Services,
    sender: AlbumSender,
    state: FSMContext,
) -> None:
    assert message.photo
    largest = message.photo[-1]
    data = await _download(message, bot, largest.file_id, largest.file_size)
    if data is not None:
        await take_photo(message, data, bot, caller, services, sender, state)


async def image_document(
    message: Message,
    bot: Bot,
    caller: Caller,
    services: Services,
    sender: AlbumSender,
    state: FSMContext,
) -> None:
    assert message.document
    document = message.document
    data = await _download(message, bot, document.file_id, document.file_size)
    if data is not None:
        await take_photo(message, data, bot, caller, services, sender, state)


async def pick_face(
    callback: CallbackQuery,
    callback_data: FacePick,
    bot: Bot,
    caller: Caller,
    services: Services,
    sender: AlbumSender,
    state: FSMContext,
) -> None:
    result = await services.guest_search.choose(caller.id, callback_data.number)
    await callback.answer()
    chat_id = callback.message.chat.id if callback.message else caller.id
    await show_result(bot, chat_id, caller, result, services, sender, state)


async def another(callback: CallbackQuery, state: FSMContext) -> None:
    await state.set_state(REFINING)
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.answer(texts.another_selfie())


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(photo, F.photo)
    built.message.register(
        image_document,
        F.document.mime_type.startswith("image/")
        | F.document.file_name.lower().endswith((".jpg", ".jpeg", ".png", ".webp", ".heic")),
    )
    built.callback_query.register(pick_face, FacePick.filter())
    built.callback_query.register(another, AnotherSelfie.filter())
    return built
