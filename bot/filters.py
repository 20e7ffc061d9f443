"""Filters shared by the photographer handlers."""

from __future__ import annotations

from aiogram.types import TelegramObject

from eventlens.bot.middlewares.caller import Caller
from eventlens.core.events.access import Access
from eventlens.core.events.modes import Modes


async def is_photographer(_: TelegramObject, access: Access, caller: Caller | None = None) -> bool:
    """Admins and members of any event; everyone else falls through (guests' selfies)."""
    return caller is not None and await access.is_photographer(caller.id)


async def is_uploading(_: TelegramObject, modes: Modes, caller: Caller | None = None) -> bool:
    """Photographers whose last act was a photographer's: their photos are uploads.

    A photographer who last opened a guest link falls through to the guest side.
    """
    return caller is not None and await modes.mode(caller.id) == "upload"
