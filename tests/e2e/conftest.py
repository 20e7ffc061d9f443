"""Fixtures for end-to-end tests: a fake Bot API server and the real bot against it.

`running_bot` runs the whole bot (Dispatcher, handlers, indexing worker, progress
reporter) in the test's event loop, sharing the session's face engine, and talks
to `fake_api` over real HTTP. Tests that need a separate process (kill -9,
SIGTERM) use `tests.e2e.bot_process.BotProcess` instead. See tests/e2e/README.md.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import SecretStr

from eventlens.bot.app import BotApp, build, serve
from eventlens.core.faces.engine import FaceEngine
from eventlens.services import Services
from eventlens.settings import Settings
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.telegram_user import FakeUser

ADMIN_ID = 1001


@dataclass
class RunningBot:
    app: BotApp
    services: Services
    settings: Settings
    stop_event: asyncio.Event
    task: asyncio.Task[None]

    async def stop(self) -> None:
        self.stop_event.set()
        await asyncio.wait_for(self.task, 60)


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotAPI]:
    api = FakeBotAPI()
    await api.start()
    try:
        yield api
    finally:
        await api.close()


def settings_for(
    home: Path, api: FakeBotAPI, admin_ids: frozenset[int] = frozenset({ADMIN_ID})
) -> Settings:
    """Settings for a bot that talks to `api` and keeps its data in `home`."""
    return Settings(
        home=home,
        providers=("CPUExecutionProvider",),
        bot_token=SecretStr(api.token),
        telegram_api_url=api.url,
        admin_ids=admin_ids,
        web_host="127.0.0.1",
        web_port=0,
    )


@pytest.fixture
def bot_settings(tmp_path: Path, fake_api: FakeBotAPI) -> Settings:
    return settings_for(tmp_path / "home", fake_api)


@asynccontextmanager
async def bot_running(settings: Settings, engine: FaceEngine) -> AsyncIterator[RunningBot]:
    """The whole bot in this event loop until the block ends (then a clean stop)."""
    services = await Services.open(settings, engine=engine)
    app = await build(settings, services)
    stop = asyncio.Event()
    running = RunningBot(app, services, settings, stop, asyncio.create_task(serve(app, stop)))
    try:
        yield running
    finally:
        if not running.task.done():
            await running.stop()
        await services.close()


@pytest.fixture
async def running_bot(bot_settings: Settings, engine: FaceEngine) -> AsyncIterator[RunningBot]:
    async with bot_running(bot_settings, engine) as running:
        yield running


@pytest.fixture
def user(fake_api: FakeBotAPI) -> Callable[..., FakeUser]:
    """`user(2002, language_code="ru")`: another person talking to the bot."""

    def make(user_id: int, first_name: str = "Sam", language_code: str | None = "en") -> FakeUser:
        return FakeUser(fake_api, user_id, first_name, language_code)

    return make


@pytest.fixture
def admin(fake_api: FakeBotAPI) -> FakeUser:
    """An EVENTLENS_ADMIN_IDS user: may create events."""
    return FakeUser(fake_api, ADMIN_ID, "Ada", "en")
