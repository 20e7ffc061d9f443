"""Reply /delete to a photo (one the bot delivered, or an upload) to remove it from
its event everywhere: vectors, rows and, when unused, the original."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from eventlens.bot.filters import is_photographer
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.events.desk import EventDesk


def _file_ids(message: Message | None) -> list[str]:
    if message is None:
        return []
    ids = [size.file_unique_id for size in message.photo or []]
    if message.document is not None:
        ids.append(message.document.file_unique_id)
    return ids


async def delete_photo(message: Message, caller: Caller, desk: EventDesk) -> None:
    files = _file_ids(message.reply_to_message)
    if not files:
        await message.answer(_("Reply /delete to the photo you want to remove."))
        return
    event = await desk.delete_photo(caller.id, files)
    if event is None:
        await message.answer(_("That photo is not in any of your events."))
        return
    await message.answer(
        _("Removed from «{event}»: guests will no longer get this photo.").format(event=event.name)
    )


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(delete_photo, Command("delete"), is_photographer)
    return built
