"""Filters shared by the photographer handlers."""

from __future__ import annotations

from aiogram.types import TelegramObject

from eventlens.bot.middlewares.caller import Caller
from eventlens.core.events.access import Access


async def is_photographer(_: TelegramObject, access: Access, caller: Caller | None = None) -> bool:
    """Admins and members of any event; everyone else falls through (guests' selfies)."""
    return caller is not None and await access.is_photographer(caller.id)
