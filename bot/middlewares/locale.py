"""Every reply in the user's language: the one chosen with /language, else Telegram's,
when we have a catalog for it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware

from eventlens.bot.i18n import choose_locale, languages

ChosenLanguage = Callable[[int], Awaitable[str | None]]


class LocaleMiddleware(I18nMiddleware):
    def __init__(self, i18n: I18n, chosen: ChosenLanguage | None = None) -> None:
        super().__init__(i18n)
        self._chosen = chosen

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        user = data.get("event_from_user")
        if not isinstance(user, User):
            return choose_locale(None, languages(self.i18n))
        chosen = await self._chosen(user.id) if self._chosen else None
        return choose_locale(chosen or user.language_code, languages(self.i18n))
