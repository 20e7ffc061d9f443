"""/start ev_<token> joins an event; the Accept button under the notice gives consent."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message

from eventlens.bot.guest import texts
from eventlens.bot.guest.search_flow import show_joined
from eventlens.bot.keyboards.guest import Consent
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.errors import UnknownEventError
from eventlens.core.events.modes import Modes
from eventlens.core.guests.desk import GuestDesk
from eventlens.core.guests.outcomes import NoEvent
from eventlens.core.media.qr_read import JOIN_PREFIX
from eventlens.settings import Settings


async def join_by_link(
    message: Message,
    command: CommandObject,
    caller: Caller,
    guests: GuestDesk,
    settings: Settings,
    modes: Modes,
) -> None:
    before = await modes.mode(caller.id)
    try:
        joined = await guests.join(caller.id, command.args or "", "link", caller.locale)
    except UnknownEventError:
        await message.answer(texts.bad_event_link())
        return
    await show_joined(message, joined, settings)
    if before == "upload":
        await message.answer(texts.selfie_mode(joined.event.name))


async def accept(
    callback: CallbackQuery, callback_data: Consent, caller: Caller, guests: GuestDesk
) -> None:
    accepted = await guests.accept(caller.id, callback_data.event_id)
    if isinstance(accepted, NoEvent):
        await callback.answer(texts.join_first(), show_alert=True)
        return
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_reply_markup(reply_markup=None)
        await callback.message.answer(texts.send_selfie(accepted.event.name))


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(
        join_by_link, CommandStart(deep_link=True, magic=F.args.startswith(JOIN_PREFIX))
    )
    built.callback_query.register(accept, Consent.filter())
    return built
