"""/hiding: may guests of the selected event hide photos of themselves from other
guests? The answer, a button that switches it (owner only), and the photos hidden
so far (by file name, never by whom). Switching it off keeps earlier hides."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from eventlens.bot.filters import is_photographer
from eventlens.bot.keyboards.events import HidingSwitch, hiding_switch
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.guests.hiding import HidingState, PhotoHiding

HIDDEN_SHOWN = 20  # file names listed: keeps the message far below 4096 characters


def _text(state: HidingState) -> str:
    name = state.event.name
    if state.allowed:
        lines = [_("In «{event}», guests may hide photos of themselves from other guests.")]
    else:
        lines = [_("In «{event}», guests may not hide photos of themselves from other guests.")]
    lines[0] = lines[0].format(event=name)
    if state.hidden:
        lines.append(_("Photos hidden by guests: {count}.").format(count=len(state.hidden)))
        for photo in state.hidden[:HIDDEN_SHOWN]:
            day = datetime.fromtimestamp(photo.created_at, UTC).strftime("%Y-%m-%d")
            lines.append(f"• {photo.source} ({day})")
    return "\n".join(lines)


async def hiding(message: Message, caller: Caller, hiding: PhotoHiding) -> None:
    state = await hiding.state(caller.id)
    await message.answer(_text(state), reply_markup=hiding_switch(state.allowed))


async def switch(
    callback: CallbackQuery, callback_data: HidingSwitch, caller: Caller, hiding: PhotoHiding
) -> None:
    state = await hiding.set_allowed(caller.id, callback_data.allowed)
    await callback.answer()
    if isinstance(callback.message, Message):
        with contextlib.suppress(TelegramBadRequest):  # pressed twice: not modified
            await callback.message.edit_text(
                _text(state), reply_markup=hiding_switch(state.allowed)
            )


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(hiding, Command("hiding"), is_photographer)
    built.callback_query.register(switch, HidingSwitch.filter())
    return built
