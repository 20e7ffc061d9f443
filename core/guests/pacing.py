"""When the next message to a chat may go, so an album never trips Telegram's flood limits.

Telegram allows about one message per second in a chat, and a media group counts
once per item: an album of 10 holds the chat for 10 seconds. A `ChatPace` keeps,
per chat, the moment the chat is free again; a 429 pushes that moment to its
`retry_after`. Pure bookkeeping on the clock it is given: the front door sleeps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES_PER_SECOND = 1.0  # per chat, as Telegram documents it
TRACKED_CHATS = 1024  # past this many, chats that are free again are forgotten


@dataclass
class ChatPace:
    per_second: float = MESSAGES_PER_SECOND
    _free_at: dict[int, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.per_second <= 0:
            raise ValueError("A pace needs a positive number of messages per second.")

    def reserve(self, chat_id: int, items: int, now: float) -> float:
        """Book the chat for a message of `items` items (a media group: its photos).

        Returns the seconds to wait before sending it; senders that book one after
        the other are spaced out even when they run at the same time.
        """
        if len(self._free_at) >= TRACKED_CHATS:
            self._free_at = {chat: at for chat, at in self._free_at.items() if at > now}
        start = max(now, self._free_at.get(chat_id, now))
        self._free_at[chat_id] = start + max(1, items) / self.per_second
        return start - now

    def refused(self, chat_id: int, retry_after: float, now: float) -> None:
        """Telegram answered 429: nothing goes to the chat for `retry_after` seconds."""
        self._free_at[chat_id] = max(self._free_at.get(chat_id, now), now + retry_after)

    def __len__(self) -> int:
        """How many chats the pace keeps a moment for."""
        return len(self._free_at)
