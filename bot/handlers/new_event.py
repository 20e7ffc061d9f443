"""/newevent: ask the name (unless given), then an optional date, then create."""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from eventlens.bot.handlers.event_card import send_event_card
from eventlens.bot.handlers.event_choice import uploads_again
from eventlens.bot.keyboards.events import SkipDate, skip_date
from eventlens.bot.links import Links
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.events.access import Access
from eventlens.core.events.desk import EventDesk
from eventlens.core.events.modes import Modes
from eventlens.core.events.naming import MAX_NAME, clean_name, parse_date


class NewEvent(StatesGroup):
    name = State()
    date = State()


async def start(
    message: Message, command: CommandObject, caller: Caller, access: Access, state: FSMContext
) -> None:
    access.require_admin(caller.id)
    name = clean_name(command.args or "")
    if name is None:
        await state.set_state(NewEvent.name)
        await message.answer(
            _("What is the event called? (up to {limit} characters)").format(limit=MAX_NAME)
        )
        return
    await _ask_date(message, state, name)


async def got_name(message: Message, state: FSMContext) -> None:
    name = clean_name(message.text or "")
    if name is None:
        await message.answer(
            _("Please send the event's name as text, up to {limit} characters.").format(
                limit=MAX_NAME
            )
        )
        return
    await _ask_date(message, state, name)


async def _ask_date(message: Message, state: FSMContext, name: str) -> None:
    await state.update_data(name=name)
    await state.set_state(NewEvent.date)
    await message.answer(
        _("When is «{event}»? Send a date like 2026-06-14, or tap «No date».").format(event=name),
        reply_markup=skip_date(),
    )


async def _create(
    message: Message,
    caller: Caller,
    desk: EventDesk,
    links: Links,
    modes: Modes,
    name: str,
    when: date | None,
) -> None:
    before = await modes.mode(caller.id)
    event = await desk.create(caller.id, name, when)
    await send_event_card(message, event, links, owner=True)
    if before == "selfie":
        await message.answer(uploads_again())


async def got_date(
    message: Message,
    caller: Caller,
    state: FSMContext,
    desk: EventDesk,
    links: Links,
    modes: Modes,
) -> None:
    when = parse_date(message.text or "")
    if when is None:
        await message.answer(_("I could not read that date. Send it like 2026-06-14."))
        return
    name = (await state.get_data())["name"]
    await state.clear()
    await _create(message, caller, desk, links, modes, name, when)


async def no_date(
    callback: CallbackQuery,
    caller: Caller,
    state: FSMContext,
    desk: EventDesk,
    links: Links,
    modes: Modes,
) -> None:
    data = await state.get_data()
    await callback.answer()
    if "name" not in data or not isinstance(callback.message, Message):
        return
    await state.clear()
    await callback.message.edit_reply_markup(reply_markup=None)
    await _create(callback.message, caller, desk, links, modes, data["name"], None)


async def cancel(message: Message, state: FSMContext) -> None:
    await state.clear()
    await message.answer(_("Cancelled."))


def router() -> Router:
    built = Router(name=__name__)
    text = F.text & ~F.text.startswith("/")
    built.message.register(start, Command("newevent"))
    built.message.register(cancel, Command("cancel"))
    built.message.register(got_name, NewEvent.name, text)
    built.message.register(got_date, NewEvent.date, text)
    built.callback_query.register(no_date, NewEvent.date, SkipDate.filter())
    return built
