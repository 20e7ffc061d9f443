from __future__ import annotations

import asyncio
from pathlib import Path

import cv2
import numpy as np
import pytest

from eventlens.core.errors import NoFaceError, RateLimitedError, SearchBusyError
from eventlens.core.guests.selfie_search import SearchResult
from eventlens.services import Services
from tests.conftest import jpeg
from tests.demo_event import DemoEvent, index_demo_event, joined

GUEST = 1001


@pytest.fixture
async def demo(services: Services, tmp_path: Path) -> DemoEvent:
    return await index_demo_event(services, tmp_path / "demo")


async def test_a_selfie_finds_exactly_the_guests_photos(
    services: Services, demo: DemoEvent
) -> None:
    await joined(services, GUEST, demo.event)

    result = await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)

    assert isinstance(result, SearchResult)
    assert set(result.album.photo_ids) == demo.with_guest
    assert result.album.sure  # the clear photos are sure matches, shown first


async def test_a_photo_without_a_face_is_explained(services: Services, demo: DemoEvent) -> None:
    await joined(services, GUEST, demo.event)
    wall = jpeg(np.full((600, 800, 3), 180, dtype=np.uint8))
    with pytest.raises(NoFaceError):
        await services.guest_search.selfie(GUEST, demo.event.id, wall)


async def test_not_me_removes_the_photo_now_and_in_later_searches(
    services: Services, demo: DemoEvent
) -> None:
    await joined(services, GUEST, demo.event)
    first = await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)
    assert isinstance(first, SearchResult)
    rejected = first.album.sure[-1]

    record = await services.guest_search.face(rejected.face_id)
    updated = await services.guest_search.not_me(GUEST, record)

    assert updated is not None and rejected.photo_id not in updated.album.photo_ids
    again = await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)
    assert isinstance(again, SearchResult)
    assert rejected.photo_id not in again.album.photo_ids
    assert set(again.album.photo_ids) <= demo.with_guest - {rejected.photo_id}


async def test_another_selfie_refines_the_same_search(services: Services, demo: DemoEvent) -> None:
    await joined(services, GUEST, demo.event)
    await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)
    mirrored = cv2.flip(cv2.imdecode(np.frombuffer(demo.selfie, np.uint8), cv2.IMREAD_COLOR), 1)

    result = await services.guest_search.selfie(GUEST, demo.event.id, jpeg(mirrored), refine=True)

    assert isinstance(result, SearchResult)
    assert result.selfies == 2
    assert set(result.album.photo_ids) == demo.with_guest


async def test_searches_per_hour_are_capped(services: Services, demo: DemoEvent) -> None:
    await joined(services, GUEST, demo.event)
    for _ in range(services.settings.searches_per_hour):
        await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)
    with pytest.raises(RateLimitedError) as raised:
        await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)
    assert 0 < raised.value.retry_after <= 3600


async def test_a_burst_of_selfies_runs_one_search_and_refuses_the_rest(
    services: Services, demo: DemoEvent
) -> None:
    await joined(services, GUEST, demo.event)
    burst = [services.guest_search.selfie(GUEST, demo.event.id, demo.selfie) for _ in range(30)]

    outcomes = await asyncio.gather(*burst, return_exceptions=True)

    searched = [item for item in outcomes if isinstance(item, SearchResult)]
    refused = [item for item in outcomes if isinstance(item, SearchBusyError | RateLimitedError)]
    assert len(searched) >= 1
    assert len(searched) + len(refused) == 30
    report = await services.guests.report(GUEST)
    assert report.events[0].searches <= services.settings.searches_per_hour
