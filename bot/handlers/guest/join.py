"""/start ev_<token> joins an event; the Accept button under the notice gives consent."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message

from eventlens.bot.guest import texts
from eventlens.bot.guest.search_flow import answer_join
from eventlens.bot.keyboards.guest import Consent
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.errors import UnknownEventError
from eventlens.core.media.qr_read import JOIN_PREFIX
from eventlens.services import Services


async def join_by_link(
    message: Message, command: CommandObject, caller: Caller, services: Services
) -> None:
    try:
        joined = await services.guests.join(caller.id, command.args or "", "link", caller.locale)
    except UnknownEventError:
        await message.answer(texts.bad_event_link())
        return
    await answer_join(message, joined, services)


async def accept(
    callback: CallbackQuery, callback_data: Consent, caller: Caller, services: Services
) -> None:
    join = await services.guests.joined(caller.id, callback_data.event_id)
    event = await services.events.by_id(callback_data.event_id)
    if join is None or event is None:
        await callback.answer(texts.join_first(), show_alert=True)
        return
    await services.guests.accept(caller.id, event.id)
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_reply_markup(reply_markup=None)
        await callback.message.answer(texts.send_selfie(event.name))


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(
        join_by_link, CommandStart(deep_link=True, magic=F.args.startswith(JOIN_PREFIX))
    )
    built.callback_query.register(accept, Consent.filter())
    return built
