"""The caller: id, name, locale from Telegram's language code, and the admin flag."""

from __future__ import annotations

from typing import Any

from aiogram.types import TelegramObject

from eventlens.bot.middlewares.caller import Caller, CallerMiddleware
from tests.bot.harness import person


async def _caller(middleware: CallerMiddleware, data: dict[str, Any]) -> Caller | None:
    seen: dict[str, Any] = {}

    async def handler(_event: TelegramObject, handed: dict[str, Any]) -> str:
        seen.update(handed)
        return "handled"

    assert await middleware(handler, TelegramObject(), data) == "handled"
    return seen.get("caller")


async def test_caller_carries_id_name_locale_and_admin_flag() -> None:
    middleware = CallerMiddleware({1}, ["en", "es", "ru"])
    admin = await _caller(middleware, {"event_from_user": person(1, "Ada", "es-MX")})
    assert admin == Caller(id=1, name="Ada", locale="es", is_admin=True)
    other = await _caller(middleware, {"event_from_user": person(2, "Bo", "pt-BR")})
    assert other == Caller(id=2, name="Bo", locale="en", is_admin=False)


async def test_updates_without_a_user_get_no_caller() -> None:
    assert await _caller(CallerMiddleware({1}, ["en"]), {}) is None
