"""Who sent this update, as plain data the handlers and services can use."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Set
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, User

from eventlens.bot.i18n import choose_locale


@dataclass(frozen=True)
class Caller:
    id: int
    name: str
    locale: str
    is_admin: bool


class CallerMiddleware(BaseMiddleware):
    """Injects `caller: Caller` for every update that has a user."""

    def __init__(self, admin_ids: Set[int], locales: Collection[str]) -> None:
        self._admins = frozenset(admin_ids)
        self._locales = tuple(locales)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user = data.get("event_from_user")
        if isinstance(user, User):
            data["caller"] = Caller(
                id=user.id,
                name=user.full_name,
                locale=choose_locale(user.language_code, self._locales),
                is_admin=user.id in self._admins,
            )
        return await handler(event, data)
