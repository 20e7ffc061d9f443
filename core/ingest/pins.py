"""Marks a chat's batch as still receiving, so it is not summed up under a handler.

A handler holds the pin from before it looks up the batch until its upload is
recorded; the reporter never closes a batch whose (chat, event) is pinned. One
bot process owns its chats, so memory is enough.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager


class Pins:
    def __init__(self) -> None:
        self._held: Counter[tuple[int, str]] = Counter()

    @contextmanager
    def hold(self, chat_id: int, event_id: str) -> Iterator[None]:
        key = (chat_id, event_id)
        self._held[key] += 1
        try:
            yield
        finally:
            self._held[key] -= 1
            if self._held[key] <= 0:
                del self._held[key]

    def held(self, chat_id: int, event_id: str) -> bool:
        return self._held[(chat_id, event_id)] > 0
