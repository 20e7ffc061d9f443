"""/searches: the owner's log of guests' selfie searches in the selected event.

Any guest who joined can look for anyone whose picture they have; the owner sees
how often each (pseudonymous) guest searched, per day, to notice someone trying
many faces. Guests appear as a short keyed hash, never their id or their selfie.
"""

from __future__ import annotations

from collections import defaultdict

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from eventlens.bot.filters import is_photographer
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.uploads.render import number
from eventlens.core.events.desk import SEARCH_LOG_DAYS, EventDesk
from eventlens.core.records import AuditRow

# Guests shown per day (the busiest): keeps the message far below 4096 characters.
GUESTS_PER_DAY = 5


def _day(day: str, rows: list[AuditRow]) -> list[str]:
    total = sum(row.searches for row in rows)
    lines = [
        _("{day}: {searches} by {guests}").format(
            day=day,
            searches=ngettext("{count} search", "{count} searches", total).format(
                count=number(total)
            ),
            guests=ngettext("{count} guest", "{count} guests", len(rows)).format(
                count=number(len(rows))
            ),
        )
    ]
    lines += [f"    #{row.guest_hash}: {number(row.searches)}" for row in rows[:GUESTS_PER_DAY]]
    return lines


async def searches(message: Message, caller: Caller, desk: EventDesk) -> None:
    found = await desk.searches(caller.id)
    if not found.rows:
        await message.answer(
            _("Nobody searched «{event}» in the last {days} days.").format(
                event=found.event.name, days=SEARCH_LOG_DAYS
            )
        )
        return
    days: defaultdict[str, list[AuditRow]] = defaultdict(list)
    for row in found.rows:
        days[row.day].append(row)
    lines = [
        _("Selfie searches in «{event}», last {days} days (guests as anonymous codes):").format(
            event=found.event.name, days=SEARCH_LOG_DAYS
        )
    ]
    for day, rows in days.items():
        lines += _day(day, rows)
    await message.answer("\n".join(lines))


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(searches, Command("searches"), is_photographer)
    return built
