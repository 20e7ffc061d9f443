"""Where aiogram keeps each chat's conversation state: Redis when set, else memory.

Behind one webhook, a chat's consecutive updates may reach different bot replicas,
and a restarted bot should not forget a photographer halfway through naming an
event: with EVENTLENS_REDIS_URL the state lives in Redis, shared and persistent.
The state and data are small (a step name, a few message ids); a chat that goes
quiet for `STATE_TTL` starts afresh instead of leaving keys behind forever.
"""

from __future__ import annotations

from datetime import timedelta

from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import MemoryStorage
from aiogram.fsm.storage.redis import RedisStorage

from eventlens.settings import Settings

STATE_TTL = timedelta(days=7)
KEY_PREFIX = "eventlens-fsm"


async def open_fsm_storage(settings: Settings) -> BaseStorage:
    """Memory, or Redis once it answered a PING (fail at start, not at a guest's first tap)."""
    if settings.redis_url is None:
        return MemoryStorage()
    storage = RedisStorage.from_url(
        settings.redis_url.get_secret_value(),
        key_builder=DefaultKeyBuilder(prefix=KEY_PREFIX, with_bot_id=True),
        state_ttl=STATE_TTL,
        data_ttl=STATE_TTL,
    )
    try:
        await storage.redis.ping()
    except BaseException:
        await storage.close()
        raise
    return storage
