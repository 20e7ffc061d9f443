"""/people: a contact sheet of the people found in the selected event's photos."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from eventlens.bot.filters import is_photographer
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.uploads.render import number
from eventlens.core.events.desk import EventDesk


async def people(message: Message, caller: Caller, desk: EventDesk) -> None:
    found = await desk.people(caller.id)
    if found.sheet is None:
        await message.answer(
            _(
                "No one appears in more than one photo of «{event}» yet. People are grouped "
                "a minute after uploads finish."
            ).format(event=found.event.name)
        )
        return
    caption = ngettext(
        "«{event}»: {count} person appears in several photos; the largest groups are shown.",
        "«{event}»: {count} people appear in several photos; the largest groups are shown.",
        found.recurring,
    ).format(event=found.event.name, count=number(found.recurring))
    await message.answer_photo(
        BufferedInputFile(found.sheet, filename=f"{found.event.slug}-people.jpg"), caption=caption
    )


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(people, Command("people"), is_photographer)
    return built
