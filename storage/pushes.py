"""Photos matched to followers by live updates, until (and after) they are sent.

A row is written when a newly indexed photo matches a follower and marked sent
when it goes out, so a restart neither loses nor repeats a push.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from eventlens.storage.db import Database


@dataclass(frozen=True)
class PendingPush:
    guest_id: int
    event_id: str
    photo_id: str
    score: float


@dataclass(frozen=True)
class QueuedPush:
    push: PendingPush
    last_push_at: float | None


class PushStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, pushes: Sequence[PendingPush]) -> int:
        """Queue matches (a photo already queued or sent for a guest is skipped)."""
        if not pushes:
            return 0
        now = time.time()
        added = 0
        async with self._db.transaction() as connection:
            for push in pushes:
                cursor = await connection.execute(
                    "INSERT INTO pushes (guest_id, event_id, photo_id, score, matched_at) "
                    "SELECT CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), "
                    "CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION) "
                    "WHERE EXISTS (SELECT 1 FROM joins "
                    "WHERE guest_id = ? AND event_id = ? AND following = 1) "
                    "ON CONFLICT DO NOTHING",
                    (
                        push.guest_id,
                        push.event_id,
                        push.photo_id,
                        push.score,
                        now,
                        push.guest_id,
                        push.event_id,
                    ),
                )
                added += cursor.rowcount
        return added

    async def pending(self) -> list[QueuedPush]:
        """Unsent pushes of guests who still follow, best match first per guest; photos the
        photographer hid (storage/culling.py) are never pushed."""
        rows = await self._db.fetch_all(
            "SELECT p.guest_id, p.event_id, p.photo_id, p.score, j.last_push_at FROM pushes p "
            "JOIN joins j ON j.guest_id = p.guest_id AND j.event_id = p.event_id "
            "WHERE p.sent_at IS NULL AND j.following = 1 AND NOT EXISTS (SELECT 1 FROM "
            "culled_photos c WHERE c.event_id = p.event_id AND c.photo_id = p.photo_id) "
            "ORDER BY p.guest_id, p.event_id, p.score DESC"
        )
        return [QueuedPush(PendingPush(row[0], row[1], row[2], row[3]), row[4]) for row in rows]

    async def mark_sent(
        self, guest_id: int, event_id: str, photo_ids: Sequence[str], at: float
    ) -> None:
        async with self._db.transaction() as connection:
            await connection.executemany(
                "UPDATE pushes SET sent_at = ? WHERE guest_id = ? AND event_id = ? "
                "AND photo_id = ?",
                [(at, guest_id, event_id, photo_id) for photo_id in photo_ids],
            )
            await connection.execute(
                "UPDATE joins SET last_push_at = ? WHERE guest_id = ? AND event_id = ?",
                (at, guest_id, event_id),
            )
