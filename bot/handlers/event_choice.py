"""/use (pick the event uploads go to), /qr and /events."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from eventlens.bot.filters import is_photographer
from eventlens.bot.handlers.event_card import send_event_card, send_print_cards
from eventlens.bot.keyboards.events import EventPick, event_picker
from eventlens.bot.links import Links
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.uploads.render import number
from eventlens.core.events.access import Access
from eventlens.core.events.desk import EventDesk, EventLine
from eventlens.core.events.modes import Modes


async def choose(message: Message, caller: Caller, desk: EventDesk) -> None:
    lines = await desk.events(caller.id)
    if not lines:
        await message.answer(_("You have no events yet. Create one with /newevent."))
        return
    selected = next((line.membership.event.id for line in lines if line.selected), None)
    await message.answer(
        _("Which event should your uploads go to?"),
        reply_markup=event_picker([line.membership.event for line in lines], selected),
    )


def uploads_again() -> str:
    """After a photographer acted as a guest, a photographer's act makes photos uploads again."""
    return _("Photographer mode: the photos you send are uploads again, not selfies.")


async def picked(
    callback: CallbackQuery,
    callback_data: EventPick,
    caller: Caller,
    access: Access,
    modes: Modes,
) -> None:
    before = await modes.mode(caller.id)
    event = await access.select(caller.id, callback_data.event_id)
    text = _("Uploads now go to «{event}».").format(event=event.name)
    if event.closed:
        text += "\n" + _("It is closed: its owner can /reopen it.")
    if before == "selfie":
        text += "\n" + uploads_again()
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_text(text)


async def qr(message: Message, caller: Caller, access: Access, links: Links) -> None:
    event = await access.selected(caller.id)
    owner = await access.role(caller.id, event.id) == "owner"
    await send_event_card(message, event, links, owner)
    await send_print_cards(message, event, links)


def counts_text(photos: int, faces: int, guests: int) -> str:
    return _("{photos}, {faces}, {guests}").format(
        photos=ngettext("{count} photo", "{count} photos", photos).format(count=number(photos)),
        faces=ngettext("{count} face", "{count} faces", faces).format(count=number(faces)),
        guests=ngettext("{count} guest", "{count} guests", guests).format(count=number(guests)),
    )


def _line(line: EventLine) -> str:
    event, counts = line.membership.event, line.counts
    return _("{mark} {event} ({slug}){closed}\n    {counts}").format(
        mark="✅" if line.selected else "•",
        event=event.name,
        slug=event.slug,
        closed=" 🔒" if event.closed else "",
        counts=counts_text(counts.photos, counts.faces, counts.guests),
    )


async def events(message: Message, caller: Caller, desk: EventDesk) -> None:
    lines = await desk.events(caller.id)
    if not lines:
        await message.answer(_("You have no events yet. Create one with /newevent."))
        return
    await message.answer("\n".join([_("Your events:"), *(_line(line) for line in lines)]))


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(choose, Command("use"), is_photographer)
    built.message.register(qr, Command("qr"), is_photographer)
    built.message.register(events, Command("events"), is_photographer)
    built.callback_query.register(picked, EventPick.filter())
    return built
