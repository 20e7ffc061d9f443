"""The indexing worker inside the bot process, and its clean stop.

`Indexer.work` runs for the life of the bot (never idle-stops); each indexed photo
is also matched against the event's followers (live updates). Stopping cancels
it: photos whose results were saved are done, the rest of what it had claimed goes
back to the queue (`requeue_running`) for the next start. A crash in the worker
is logged and the worker restarted, so one bad job cannot stall every upload.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from eventlens.core.guests.live_updates import LiveUpdates
from eventlens.core.ingest.indexer import Indexed, Indexer, Outcome
from eventlens.core.people.refresh import PeopleRefresher
from eventlens.storage.jobs import JobQueue

logger = logging.getLogger(__name__)

RESTART_SECONDS = 2.0


class IndexingWorker:
    def __init__(
        self,
        indexer: Indexer,
        jobs: JobQueue,
        live_updates: LiveUpdates,
        people: PeopleRefresher,
        on_outcome: Callable[[], None],
    ) -> None:
        self._indexer = indexer
        self._jobs = jobs
        self._live_updates = live_updates
        self._notify = on_outcome
        self._people = people

    async def run(self) -> None:
        while True:
            try:
                await self._indexer.work(lambda: False, self._on_outcome)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("indexing worker crashed; restarting")
                await asyncio.sleep(RESTART_SECONDS)

    async def _on_outcome(self, outcome: Outcome) -> None:
        self._notify()
        if isinstance(outcome, Indexed):
            self._people.mark(outcome.job.event_id)
            try:  # live updates must never stall indexing
                await self._live_updates.on_indexed(outcome.job.event_id, outcome.faces)
            except Exception:
                logger.exception("matching followers for photo %s failed", outcome.job.photo_id)

    async def requeue(self) -> int:
        """After `run` is cancelled: claimed-but-unfinished jobs back to pending."""
        count = await self._jobs.requeue_running()
        if count:
            logger.info("requeued %d photos for the next start", count)
        return count
