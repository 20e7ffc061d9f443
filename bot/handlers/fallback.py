"""Last in line: nothing goes unanswered. Photographer commands from someone who is
not one get a clear refusal; anything else a short pointer. The guest side's
router goes before this one."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from eventlens.bot.commands import PHOTOGRAPHERS
from eventlens.bot.filters import is_photographer


async def not_a_photographer(message: Message) -> None:
    await message.answer(
        _(
            "That command is for the event's photographers. If you are a guest, scan the "
            "event's QR code or open the link the photographer shared to find your photos."
        )
    )


async def photographer_unknown(message: Message) -> None:
    await message.answer(
        _("Send photos, albums or ZIP files to upload them; /help lists the commands.")
    )


async def anyone_unknown(message: Message) -> None:
    await message.answer(
        _(
            "Hi! To find your photos, scan the event's QR code or open the link the "
            "photographer shared."
        )
    )


async def stale_button(callback: CallbackQuery) -> None:
    await callback.answer(_("This button is no longer active."))


def router() -> Router:
    built = Router(name=__name__)
    commands = [name for name, _text in PHOTOGRAPHERS if name != "help"]
    built.message.register(photographer_unknown, is_photographer)
    built.message.register(not_a_photographer, Command(*commands))
    built.message.register(anyone_unknown)
    built.callback_query.register(stale_button)
    return built
