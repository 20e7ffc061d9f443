from __future__ import annotations

import asyncio
import threading
import time

import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.guest_lane import GuestLane
from eventlens.services import Services
from tests.conftest import jpeg


async def test_indexing_waits_while_a_guest_selfie_is_analysed(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    event = await services.events.create("gala", "Gala", services.engine.pack.name)
    queued = await services.indexer.ingest(event.id, "a.jpg", jpeg(t1_image), "b")
    assert queued.photo_id is not None
    guest_done = threading.Event()
    selfie = asyncio.create_task(services.lane.run(guest_done.wait, 10))
    await asyncio.sleep(0.05)

    indexing = asyncio.create_task(services.indexer.work(until_idle=lambda: True))
    await asyncio.sleep(1.0)
    photo = await services.photos.get(queued.photo_id)
    assert photo is not None and photo.status == "pending"  # held back behind the guest

    guest_done.set()
    await asyncio.wait_for(asyncio.gather(selfie, indexing), 30)
    photo = await services.photos.get(queued.photo_id)
    assert photo is not None and photo.status == "indexed"


def test_stepping_aside_is_bounded_and_free_when_no_guest_waits() -> None:
    lane = GuestLane(workers=1)
    started = time.perf_counter()
    lane.step_aside(timeout=5.0)
    assert time.perf_counter() - started < 0.1

    async def crowd() -> None:
        release = threading.Event()
        guest = asyncio.create_task(lane.run(release.wait, 10))
        await asyncio.sleep(0.05)
        assert lane.busy
        began = time.perf_counter()
        await asyncio.to_thread(lane.step_aside, 0.3)  # a guest that never ends
        assert 0.25 < time.perf_counter() - began < 2.0
        release.set()
        await guest
        assert not lane.busy

    asyncio.run(crowd())
    lane.close()


async def test_guests_run_side_by_side_on_their_workers() -> None:
    lane = GuestLane(workers=2)
    barrier = threading.Barrier(2, timeout=5)  # passes only if both run at once

    await asyncio.gather(lane.run(barrier.wait), lane.run(barrier.wait))
    lane.close()
