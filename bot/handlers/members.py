"""/invite (a fresh co-photographer link; the old one stops working) and /members
(the co-photographers, each with a remove button). Both are the owner's."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from eventlens.bot.filters import is_photographer
from eventlens.bot.handlers.event_card import invite_text
from eventlens.bot.keyboards.events import MemberRemoval, member_removal
from eventlens.bot.links import Links
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.events.desk import EventDesk, EventMembers

# Listed per message; each line is short, so this stays far below 4096 characters.
MAX_LISTED = 50


async def invite(message: Message, caller: Caller, desk: EventDesk, links: Links) -> None:
    event = await desk.rotate_invite(caller.id)
    await message.answer(
        _("New invite for «{event}»: the previous link no longer works.").format(event=event.name)
        + "\n\n"
        + invite_text(event, links)
    )


def _listing(found: EventMembers) -> tuple[str, InlineKeyboardMarkup | None]:
    event, people = found.event, found.photographers[:MAX_LISTED]
    if not people:
        return _("«{event}» has no co-photographers. /invite makes an invite link.").format(
            event=event.name
        ), None
    lines = [_("Co-photographers of «{event}»:").format(event=event.name)]
    for number, member in enumerate(people, start=1):
        since = datetime.fromtimestamp(member.added_at, UTC).strftime("%Y-%m-%d")
        lines.append(
            _("{number}. {name} (since {date})").format(
                number=number, name=member.name or str(member.user_id), date=since
            )
        )
    lines.append(
        _("A removed photographer's uploads are refused; their invite link stops working.")
    )
    return "\n".join(lines), member_removal(event, [member.user_id for member in people])


async def members(message: Message, caller: Caller, desk: EventDesk) -> None:
    text, keyboard = _listing(await desk.members(caller.id))
    await message.answer(text, reply_markup=keyboard)


async def remove(
    callback: CallbackQuery, callback_data: MemberRemoval, caller: Caller, desk: EventDesk
) -> None:
    found = await desk.remove_member(caller.id, callback_data.event_id, callback_data.user_id)
    await callback.answer(_("Removed. The invite link was renewed: /qr shows the new one."))
    if isinstance(callback.message, Message):
        text, keyboard = _listing(found)
        await callback.message.edit_text(text, reply_markup=keyboard)


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(invite, Command("invite"), is_photographer)
    built.message.register(members, Command("members"), is_photographer)
    built.callback_query.register(remove, MemberRemoval.filter())
    return built
