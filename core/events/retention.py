"""How long an event's guest data is kept, and the daily purge that enforces it.

Guest data of an event (joins and consent, enrolments for live updates, the
search log, share links, "not me" marks, queued pushes) is kept while the event
is open and for `guest_data_days` days after its owner closes it; then `purge`
deletes it. Share links past their expiry are purged on the same run, whatever
their event.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from eventlens.core.reasons import Code
from eventlens.core.refusals import Refusal
from eventlens.storage.events import EventStore
from eventlens.storage.retention import DueEvent, Purged, RetentionStore

logger = logging.getLogger(__name__)

DAY_SECONDS = 86400.0
MIN_DAYS = 1
MAX_DAYS = 365
PURGE_INTERVAL_SECONDS = DAY_SECONDS


class RetentionDaysError(Refusal):
    """A retention that is not a whole number of days in MIN_DAYS..MAX_DAYS."""

    def __init__(self) -> None:
        super().__init__(Code.RETENTION_DAYS, min=MIN_DAYS, max=MAX_DAYS)


def kept_until(closed_at: float | None, days: int) -> float | None:
    """When guest data stops being kept: None while the event is open."""
    return None if closed_at is None else closed_at + days * DAY_SECONDS


def check_days(days: int | None) -> int:
    """`days` if it is a valid retention (None: the user typed no number)."""
    if days is None or not MIN_DAYS <= days <= MAX_DAYS:
        raise RetentionDaysError()
    return days


class Retention:
    def __init__(
        self,
        events: EventStore,
        store: RetentionStore,
        clock: Callable[[], float] = time.time,
        interval: float = PURGE_INTERVAL_SECONDS,
    ) -> None:
        self._events = events
        self._store = store
        self._clock = clock
        self._interval = interval

    async def purge(self) -> Purged:
        """Delete the guest data of every event whose retention has ended."""
        now = self._clock()
        due = []
        for event in await self._events.closed_events():
            until = kept_until(event.closed_at, event.guest_data_days)
            if until is not None and event.closed_at is not None and until <= now:
                due.append(DueEvent(event.id, event.closed_at))
        purged = await self._store.purge(due, now)
        if purged.events or purged.expired_links or purged.guests:
            logger.info(
                "retention purge: %d events (%d joins), %d expired links, %d guests",
                purged.events,
                purged.joins,
                purged.expired_links,
                purged.guests,
            )
        return purged

    async def run(self) -> None:
        """Purge now, then once per interval, until cancelled."""
        while True:
            try:
                await self.purge()
            except Exception:  # a failed purge is retried on the next run
                logger.exception("retention purge failed")
            await asyncio.sleep(self._interval)
