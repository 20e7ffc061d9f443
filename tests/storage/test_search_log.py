from __future__ import annotations

import asyncio

from eventlens.services import Services
from eventlens.storage.guests import GuestStore
from eventlens.storage.search_log import SearchLog


async def _joined(services: Services) -> str:
    event = await services.events.create("fair", "Fair", services.engine.pack.name)
    await GuestStore(services.db).join(5, event.id, "link")
    return event.id


async def test_the_cap_admits_up_to_the_limit_per_window(services: Services) -> None:
    log, event_id = SearchLog(services.db), await _joined(services)

    admitted = [await log.admit(5, event_id, 1000.0 + i, 3, 3600) for i in range(3)]
    refused = await log.admit(5, event_id, 1100.0, 3, 3600)

    assert admitted == [None, None, None]
    assert refused is not None and abs(refused.seconds - (1000.0 + 3600 - 1100.0)) < 1e-6
    assert await log.admit(5, event_id, 1000.0 + 3601, 3, 3600) is None  # oldest left


async def test_a_concurrent_burst_cannot_slip_past_the_cap(services: Services) -> None:
    log, event_id = SearchLog(services.db), await _joined(services)

    results = await asyncio.gather(*(log.admit(5, event_id, 50.0, 4, 3600) for _ in range(30)))

    assert sum(result is None for result in results) == 4
