"""/privacy shows what is kept about the guest now; /forget deletes all of it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from eventlens.bot.guest import texts
from eventlens.bot.keyboards.guest import LANGUAGE_NAMES
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.guests.desk import GuestDesk


async def show(message: Message, caller: Caller, guests: GuestDesk) -> None:
    report = await guests.report(caller.id)
    language = LANGUAGE_NAMES.get(report.language or "") if report.language else None
    await message.answer(texts.privacy(report, language))


async def forget(message: Message, caller: Caller, guests: GuestDesk, state: FSMContext) -> None:
    anything = await guests.forget(caller.id)
    await state.clear()
    await message.answer(texts.forgotten(anything))


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(show, Command("privacy"))
    built.message.register(forget, Command("forget"))
    return built
