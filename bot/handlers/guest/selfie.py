"""Photos from guests (a QR code or a selfie), "which one are you?", another selfie."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from eventlens.bot.guest import texts
from eventlens.bot.guest.album_sender import AlbumSender
from eventlens.bot.guest.search_flow import REFINING, show_found, show_photo_outcome
from eventlens.bot.keyboards.guest import AnotherSelfie, FacePick
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.uploads.download import fetch_bytes
from eventlens.core.errors import ImageError, ImageTooLargeError, NoFaceError
from eventlens.core.guests.desk import GuestDesk
from eventlens.core.guests.image_guard import GUEST_PHOTO_BYTES
from eventlens.core.refusals import FileTooLargeError
from eventlens.settings import Settings

MEGABYTE = 1024 * 1024


async def _download(message: Message, bot: Bot, file_id: str, size: int | None) -> bytes | None:
    try:
        return await fetch_bytes(bot, file_id, size, GUEST_PHOTO_BYTES)  # refused before download
    except FileTooLargeError as error:
        await message.answer(texts.too_big(-(-error.size // MEGABYTE)))
        return None


async def _take(
    message: Message,
    data: bytes,
    bot: Bot,
    caller: Caller,
    guests: GuestDesk,
    sender: AlbumSender,
    state: FSMContext,
    settings: Settings,
) -> None:
    """A photo from a guest: the event's QR code joins, anything else is a selfie."""
    await bot.send_chat_action(message.chat.id, "typing")
    refine = await state.get_state() == REFINING
    await state.set_state(None)
    try:
        outcome = await guests.photo(caller.id, data, caller.locale, refine)
    except NoFaceError:
        await message.answer(texts.no_face())
        return
    except ImageTooLargeError:
        await message.answer(texts.too_many_pixels())
        return
    except ImageError:
        await message.answer(texts.unreadable())
        return
    await show_photo_outcome(message, outcome, bot, sender, state, settings)


async def photo(
    message: Message,
    bot: Bot,
    caller: Caller,
    guests: GuestDesk,
    sender: AlbumSender,
    state: FSMContext,
    settings: Settings,
) -> None:
    assert message.photo
    largest = message.photo[-1]
    data = await _download(message, bot, largest.file_id, largest.file_size)
    if data is not None:
        await _take(message, data, bot, caller, guests, sender, state, settings)


async def image_document(
    message: Message,
    bot: Bot,
    caller: Caller,
    guests: GuestDesk,
    sender: AlbumSender,
    state: FSMContext,
    settings: Settings,
) -> None:
    assert message.document
    document = message.document
    data = await _download(message, bot, document.file_id, document.file_size)
    if data is not None:
        await _take(message, data, bot, caller, guests, sender, state, settings)


async def pick_face(
    callback: CallbackQuery,
    callback_data: FacePick,
    bot: Bot,
    caller: Caller,
    guests: GuestDesk,
    sender: AlbumSender,
    state: FSMContext,
    settings: Settings,
) -> None:
    found = await guests.choose_face(caller.id, callback_data.number)
    await callback.answer()
    chat_id = callback.message.chat.id if callback.message else caller.id
    await show_found(bot, chat_id, found, sender, state, settings)


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
