"""The purge behind retention: deletes the guest data of events whose period ended.

One transaction per purge, so a guest never sees half of an event's data gone;
on SQLite, with `secure_delete` on and the WAL checkpointed afterwards (as `/forget`
does), the rows are gone from the files on disk too (PostgreSQL: storage/postgres.py).
Which events are due is decided in core (`core.events.retention`); this module only
deletes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eventlens.storage.db import Connection, Database

# Children of a join first: they cascade from it anyway, but explicit deletes keep the
# purge correct whatever the foreign-key setting of the connection.
_PER_EVENT = (
    "enrolments",
    "rejections",
    "confirmations",
    "hidden_photos",
    "pushes",
    "searches",
    "share_links",  # share_link_photos cascade from their link
)


@dataclass(frozen=True)
class Purged:
    events: int  # events whose guest data was deleted
    joins: int  # guests' joins (consent, following) of those events
    expired_links: int  # share links past their expiry, of any event
    guests: int  # guests left with nothing, deleted with their language


@dataclass(frozen=True)
class DueEvent:
    """An event whose retention ended, as it was when that was decided."""

    event_id: str
    closed_at: float


class RetentionStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def purge(self, due: Sequence[DueEvent], now: float) -> Purged:
        """Delete the guest data of `due` events (unless reopened since) and expired links."""
        async with self._db.transaction() as connection:
            purged_events, joins, touched = 0, 0, set[int]()
            for item in due:
                still_closed = await _one(
                    connection,
                    "SELECT COUNT(*) FROM events WHERE id = ? AND closed_at = ?",
                    (item.event_id, item.closed_at),
                )
                if not still_closed:
                    continue
                async with connection.execute(
                    "SELECT guest_id FROM joins WHERE event_id = ?", (item.event_id,)
                ) as cursor:
                    touched.update(row[0] for row in await cursor.fetchall())
                for table in _PER_EVENT:
                    await connection.execute(
                        f"DELETE FROM {table} WHERE event_id = ?", (item.event_id,)
                    )
                cursor = await connection.execute(
                    "DELETE FROM joins WHERE event_id = ?", (item.event_id,)
                )
                joins += cursor.rowcount
                purged_events += 1
            cursor = await connection.execute(
                "DELETE FROM share_links WHERE expires_at <= ?", (now,)
            )
            expired = cursor.rowcount
            guests = 0
            for guest_id in sorted(touched):
                cursor = await connection.execute(
                    "DELETE FROM guests WHERE id = ? "
                    "AND NOT EXISTS (SELECT 1 FROM joins WHERE guest_id = ?) "
                    "AND NOT EXISTS (SELECT 1 FROM share_links WHERE guest_id = ?) "
                    "AND NOT EXISTS (SELECT 1 FROM searches WHERE guest_id = ?)",
                    (guest_id, guest_id, guest_id, guest_id),
                )
                guests += cursor.rowcount
        purged = Purged(purged_events, joins, expired, guests)
        if purged != Purged(0, 0, 0, 0):
            await self._db.checkpoint()
        return purged


async def _one(connection: Connection, sql: str, params: tuple[object, ...]) -> int:
    async with connection.execute(sql, params) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0
