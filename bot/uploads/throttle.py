"""Per-chat pacing of progress edits.

Telegram allows about one message per second per chat and 20 per minute in
groups, and answers floods with 429 retry_after; edits every 2.5 s stay well
inside both, and a 429 pushes that chat's next edit past the wait it asks for.
"""

from __future__ import annotations

import time
from collections.abc import Callable

MIN_INTERVAL = 2.5


class Throttle:
    def __init__(
        self, interval: float = MIN_INTERVAL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._interval = interval
        self._clock = clock
        self._next: dict[int, float] = {}

    def ready(self, chat_id: int) -> bool:
        return self._clock() >= self._next.get(chat_id, 0.0)

    def sent(self, chat_id: int) -> None:
        self._next[chat_id] = self._clock() + self._interval

    def back_off(self, chat_id: int, seconds: float) -> None:
        self._next[chat_id] = self._clock() + max(seconds, self._interval)
