"""/stats, /close, /reopen, /retention and /delete_event (with a confirmation button)."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from eventlens.bot.filters import is_photographer
from eventlens.bot.handlers.event_choice import counts_text
from eventlens.bot.handlers.sales import sales_line
from eventlens.bot.keyboards.events import EventDeletion, deletion_confirm
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.uploads.render import number
from eventlens.core.events.dashboard import Dashboard, EventDashboard
from eventlens.core.events.desk import EventDesk, EventStats


def dashboard_lines(board: Dashboard) -> list[str]:
    """The numbers guests make: people, searches, albums, views (zero lines left out)."""
    lines = [
        _("People in several photos: {count}").format(count=number(board.people)),
        _("Selfie searches: {count}").format(count=number(board.searches)),
        _("Albums delivered: {count}").format(count=number(board.albums_delivered)),
        _("Gallery views: {count}").format(count=number(board.gallery_views)),
    ]
    if board.sales is not None:
        lines.append(sales_line(board.sales))
    if board.median_photos_per_guest is not None:
        lines.append(
            _("Median photos per guest: {count}").format(count=f"{board.median_photos_per_guest:g}")
        )
    return lines


async def stats(
    message: Message, caller: Caller, desk: EventDesk, dashboard: EventDashboard
) -> None:
    found = await desk.stats(caller.id)
    board = await dashboard.of_event(found.event)
    event, counts = found.event, found.counts
    lines = [
        _("«{event}» ({slug})").format(event=event.name, slug=event.slug),
        counts_text(counts.photos, counts.faces, counts.guests),
        *dashboard_lines(board),
        ngettext(
            "{count} photo still being indexed",
            "{count} photos still being indexed",
            counts.pending,
        ).format(count=number(counts.pending)),
        ngettext("{count} photographer", "{count} photographers", counts.photographers).format(
            count=number(counts.photographers)
        ),
        _("Closed: no uploads.") if event.closed else _("Open for uploads."),
        retention_text(found),
    ]
    await message.answer("\n".join(lines))


def retention_text(found: EventStats) -> str:
    """How long guests' data is kept: a rule while open, a date once closed."""
    days = found.event.guest_data_days
    if found.guest_data_until is None:
        return ngettext(
            "Guest data is kept until the event closes, then {count} day (/retention).",
            "Guest data is kept until the event closes, then {count} days (/retention).",
            days,
        ).format(count=days)
    until = datetime.fromtimestamp(found.guest_data_until, UTC).strftime("%Y-%m-%d")
    return ngettext(
        "Guest data is kept until {date}, {count} day after closing (/retention).",
        "Guest data is kept until {date}, {count} days after closing (/retention).",
        days,
    ).format(date=until, count=days)


async def retention(
    message: Message, command: CommandObject, caller: Caller, desk: EventDesk
) -> None:
    argument = (command.args or "").strip()
    days = int(argument) if argument.isdecimal() else None
    found = await desk.set_retention(caller.id, days)
    await message.answer(
        _("«{event}»: retention changed.").format(event=found.event.name)
        + "\n"
        + retention_text(found)
    )


async def close(message: Message, caller: Caller, desk: EventDesk) -> None:
    event = await desk.set_closed(caller.id, True)
    await message.answer(
        _(
            "«{event}» is closed: no more uploads. Guests can still find their photos. "
            "/reopen takes uploads again."
        ).format(event=event.name)
    )


async def reopen(message: Message, caller: Caller, desk: EventDesk) -> None:
    event = await desk.set_closed(caller.id, False)
    await message.answer(_("«{event}» takes uploads again.").format(event=event.name))


async def ask_delete(message: Message, caller: Caller, desk: EventDesk) -> None:
    event, counts = await desk.deletion_target(caller.id)
    await message.answer(
        _(
            "Delete «{event}» and everything in it ({counts}), including what guests saved? "
            "This cannot be undone."
        ).format(event=event.name, counts=counts_text(counts.photos, counts.faces, counts.guests)),
        reply_markup=deletion_confirm(event),
    )


async def delete_answer(
    callback: CallbackQuery, callback_data: EventDeletion, caller: Caller, desk: EventDesk
) -> None:
    if callback_data.confirm:
        event = await desk.delete_event(caller.id, callback_data.event_id)
        text = _("«{event}» is deleted: photos, faces and links are gone.").format(event=event.name)
    else:
        text = _("Kept. Nothing was deleted.")
    await callback.answer()
    if isinstance(callback.message, Message):
        await callback.message.edit_text(text)


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(stats, Command("stats"), is_photographer)
    built.message.register(close, Command("close"), is_photographer)
    built.message.register(reopen, Command("reopen"), is_photographer)
    built.message.register(retention, Command("retention"), is_photographer)
    built.message.register(ask_delete, Command("delete_event"), is_photographer)
    built.callback_query.register(delete_answer, EventDeletion.filter())
    return built
