"""/help and a plain /start for guests, and media the bot cannot search with."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.types import Message

from eventlens.bot.guest import texts


async def guest_help(message: Message) -> None:
    await message.answer(texts.guest_help())


async def not_a_photo(message: Message) -> None:
    await message.reply(texts.not_a_photo())


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(guest_help, CommandStart(magic=F.args.is_(None)))
    built.message.register(guest_help, Command("help"))
    built.message.register(
        not_a_photo,
        F.sticker | F.video | F.animation | F.video_note | F.audio | F.voice | F.document,
    )
    return built
