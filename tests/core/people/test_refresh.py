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
