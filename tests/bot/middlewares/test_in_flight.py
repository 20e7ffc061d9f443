"""Shutdown waits for handlers in progress, and gives up after its grace period."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiogram.types import TelegramObject

from eventlens.bot.middlewares.in_flight import InFlightMiddleware


async def test_drained_waits_for_running_handlers() -> None:
    middleware = InFlightMiddleware()
    assert await middleware.drained(0.01)
    release = asyncio.Event()

    async def handler(_event: TelegramObject, _data: dict[str, Any]) -> None:
        await release.wait()

    running = asyncio.create_task(middleware(handler, TelegramObject(), {}))
    await asyncio.sleep(0)
    assert not await middleware.drained(0.01)
    release.set()
    assert await middleware.drained(1.0)
    await running


async def test_a_failing_handler_still_counts_as_finished() -> None:
    middleware = InFlightMiddleware()

    async def handler(_event: TelegramObject, _data: dict[str, Any]) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await middleware(handler, TelegramObject(), {})
    assert await middleware.drained(0.01)
