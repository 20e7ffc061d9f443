"""Every reply in the user's Telegram language, when we have a catalog for it."""

from __future__ import annotations

from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18nMiddleware

from bot.i18n import choose_locale, languages


class LocaleMiddleware(I18nMiddleware):
    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        user = data.get("event_from_user")
        code = user.language_code if isinstance(user, User) else None
        return choose_locale(code, languages(self.i18n))
