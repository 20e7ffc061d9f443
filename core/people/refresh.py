"""Keep an event's people up to date as its photos are indexed.

Once an event has people, new faces join them incrementally
(`core.people.incremental`), one nearest-neighbour query per photo, as soon as
they are indexed. The first grouping of an event reads every face
(`core.people.clusters.recluster`), so it waits until the event's queue has
drained, at most once per `MIN_INTERVAL_SECONDS` per event. Once a day
(`REBUILD_SECONDS`) an event that keeps getting photos is re-clustered in full
instead, as a repair of what one-photo-at-a-time placement got wrong; corrections
hold through both (`eventlens people --rebuild` runs the same repair by hand).
`/people` and the search's cluster expansion then see the new photos.
"""

from __future__ import annotations

import asyncio
import logging
import time

from eventlens.core.faces.calibration import Thresholds
from eventlens.core.people.clusters import recluster
from eventlens.core.people.incremental import IncrementalPeople
from eventlens.storage.jobs import JobQueue
from eventlens.storage.people import PeopleStore
from eventlens.storage.photos import PhotoStore
from eventlens.storage.vectors import VectorStore

logger = logging.getLogger(__name__)

MIN_INTERVAL_SECONDS = 60.0
REBUILD_SECONDS = 86400.0
CHECK_SECONDS = 2.0


class PeopleRefresher:
    def __init__(
        self,
        photos: PhotoStore,
        people: PeopleStore,
        jobs: JobQueue,
        thresholds: Thresholds,
        vectors: VectorStore,
        min_interval: float = MIN_INTERVAL_SECONDS,
        rebuild_every: float = REBUILD_SECONDS,
    ) -> None:
        self._rebuild_every = rebuild_every
        self._incremental = IncrementalPeople(photos, people, vectors, thresholds)
        self._photos = photos
        self._people = people
        self._jobs = jobs
        self._thresholds = thresholds
        self._min_interval = min_interval
        self._dirty: set[str] = set()
        self._last: dict[str, float] = {}
        self._wake = asyncio.Event()

    def mark(self, event_id: str) -> None:
        """An event got new faces; its people need refreshing."""
        self._dirty.add(event_id)
        self._wake.set()

    async def run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            for event_id in sorted(self._dirty):
                await self.refresh_if_due(event_id)
            if self._dirty:
                await asyncio.sleep(CHECK_SECONDS)
                self._wake.set()

    async def refresh_if_due(self, event_id: str) -> bool:
        """Place new faces among the event's people, or group the event's first
        people once its queue has drained and the interval has passed. True when
        something changed.

        The one policy for every front door: the bot's loop calls it for marked
        events, and `eventlens index` once its run has indexed something.
        """
        if await self._people.of_event(event_id, limit=1):
            if not await self._repair_due(event_id):
                return await self._place_new(event_id)
        else:
            waited = time.monotonic() - self._last.get(event_id, float("-inf"))
            if waited < self._min_interval or await self._jobs.pending(event_id):
                return False
        self._dirty.discard(event_id)
        self._last[event_id] = time.monotonic()
        try:
            await recluster(self._photos, self._people, event_id, self._thresholds)
        except Exception:  # clustering must never take the bot down
            logger.exception("re-clustering event %s failed", event_id)
            return False
        return True

    async def _place_new(self, event_id: str) -> bool:
        self._dirty.discard(event_id)
        try:
            return await self._incremental.place_new(event_id) > 0
        except Exception:  # clustering must never take the bot down
            logger.exception("placing new faces of event %s failed", event_id)
            return False

    async def _repair_due(self, event_id: str) -> bool:
        """A day since this process last re-clustered the event in full (counted from
        when it first saw the event), and no photo of it waiting."""
        last = self._last.setdefault(event_id, time.monotonic())
        if time.monotonic() - last < self._rebuild_every:
            return False
        return not await self._jobs.pending(event_id)
