"""People are re-clustered once an event's queue drains, at most once per interval."""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.people.refresh import PeopleRefresher
from eventlens.services import Services
from tests.conftest import jpeg


async def test_people_appear_once_the_queue_drains(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    smaller = cv2.resize(t1_image, None, fx=0.9, fy=0.9)
    for name, image in (("a.jpg", t1_image), ("b.jpg", smaller)):
        await services.indexer.ingest(event.id, name, jpeg(image), "b1")
    refresher = PeopleRefresher(
        services.photos,
        services.people,
        services.jobs,
        services.thresholds,
        services.vectors,
        min_interval=60,
    )

    assert not await refresher.refresh_if_due(event.id), "photos are still queued"
    await services.indexer.work(lambda: True, event_id=event.id)

    assert await refresher.refresh_if_due(event.id)
    people = await services.people.of_event(event.id)
    assert sorted(person.photo_count for person in people) == [2] * 6
    assert not await refresher.refresh_if_due(event.id), "again within the interval"


async def test_new_photos_join_at_once_and_a_day_later_the_event_is_rebuilt(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    await services.indexer.ingest(event.id, "a.jpg", jpeg(t1_image), "b1")
    await services.indexer.work(lambda: True, event_id=event.id)
    stores = (services.photos, services.people, services.jobs, services.thresholds)
    refresher = PeopleRefresher(*stores, services.vectors, min_interval=60, rebuild_every=3600)
    assert await refresher.refresh_if_due(event.id)
    first = {p.id for p in await services.people.of_event(event.id)}

    smaller = cv2.resize(t1_image, None, fx=0.9, fy=0.9)
    await services.indexer.ingest(event.id, "b.jpg", jpeg(smaller), "b1")
    await services.indexer.work(lambda: True, event_id=event.id)
    assert await refresher.refresh_if_due(event.id), "placed at once, within the interval"
    people = await services.people.of_event(event.id)
    assert sorted(p.photo_count for p in people) == [2] * 6
    assert {p.id for p in people} == first, "new faces joined the people they belong to"

    repair = PeopleRefresher(*stores, services.vectors, rebuild_every=0)
    assert await repair.refresh_if_due(event.id), "the daily repair re-clusters in full"
    assert {p.id for p in await services.people.of_event(event.id)} == first
