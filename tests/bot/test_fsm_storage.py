"""Conversation state in a real Redis (EVENTLENS_REDIS_URL): a photographer halfway
through /newevent carries on after the bot restarts, or on another replica."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.fsm.storage.memory import MemoryStorage
from pydantic import SecretStr
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from eventlens.bot.fsm_storage import open_fsm_storage
from eventlens.core.faces.engine import FaceEngine
from eventlens.services import Services
from eventlens.settings import Settings
from tests.bot.harness import ADMIN, BotHarness, harness_settings
from tests.servers import free_port

NAME = "Ann & Bob's wedding"


@pytest.fixture
async def redis_settings(tmp_path: Path, redis_url: str) -> AsyncIterator[Settings]:
    client = Redis.from_url(redis_url)
    await client.flushdb()  # the server is shared by the session's tests
    await client.aclose()
    yield harness_settings(tmp_path / "home").model_copy(update={"redis_url": SecretStr(redis_url)})


async def _two_bots(settings: Settings, engine: FaceEngine) -> tuple[str, str]:
    """/newevent on one bot, the name on a second one built afterwards: what each said."""
    services = await Services.open(settings, engine=engine)
    try:
        first = await BotHarness.open(settings, services)
        asked = await first.send(ADMIN, "/newevent")
        await first.app.dispatcher.storage.close()  # the first bot is gone
        second = await BotHarness.open(settings, services)
        answered = await second.send(ADMIN, NAME)
        await second.app.dispatcher.storage.close()
    finally:
        await services.close()
    return asked.text, answered.text


async def test_a_conversation_carries_on_across_a_restart_with_redis(
    redis_settings: Settings, engine: FaceEngine
) -> None:
    asked, answered = await _two_bots(redis_settings, engine)
    assert asked.startswith("What is the event called?")
    assert answered.startswith(f"When is «{NAME}»?")


async def test_without_redis_the_state_stays_in_one_process(
    tmp_path: Path, engine: FaceEngine
) -> None:
    settings = harness_settings(tmp_path / "home")
    assert isinstance(await open_fsm_storage(settings), MemoryStorage)
    asked, answered = await _two_bots(settings, engine)
    assert asked.startswith("What is the event called?")
    assert "When is" not in answered  # the second bot never heard the question


async def test_an_unreachable_redis_fails_at_start(tmp_path: Path) -> None:
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    settings = harness_settings(tmp_path / "home").model_copy(
        update={"redis_url": SecretStr(nowhere)}
    )
    with pytest.raises(RedisConnectionError):
        await open_fsm_storage(settings)
