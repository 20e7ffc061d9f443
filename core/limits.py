"""Budgets for what strangers can send: a sliding-window count per key.

Used for guest photos per Telegram user and gallery requests per client address;
memory stays bounded however many keys appear, because idle keys are forgotten.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable, Hashable

MAX_KEYS = 10_000


class SlidingWindow:
    """At most `limit` hits per key in any `seconds`."""

    def __init__(
        self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._limit = limit
        self._seconds = seconds
        self._clock = clock
        self._hits: defaultdict[Hashable, deque[float]] = defaultdict(deque)

    def hit(self, key: Hashable) -> float | None:
        """Count a hit; None when allowed, else the seconds until one would be."""
        now = self._clock()
        hits = self._hits[key]
        while hits and hits[0] <= now - self._seconds:
            hits.popleft()
        if len(hits) >= self._limit:
            return self._seconds - (now - hits[0])
        hits.append(now)
        if len(self._hits) > MAX_KEYS:
            self._forget(now)
        return None

    def _forget(self, now: float) -> None:
        for key in [
            k for k, hits in self._hits.items() if not hits or hits[-1] <= now - self._seconds
        ]:
            del self._hits[key]
