"""When each guest searched each event, for the per-hour cap on selfie searches."""

from __future__ import annotations

from eventlens.storage.db import Database

# Rows older than this are of no use to any limit and are deleted.
KEEP_SECONDS = 24 * 3600


class SearchLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def admit(
        self, guest_id: int, event_id: str, now: float, limit: int, window: float
    ) -> float | None:
        """Record a search if fewer than `limit` happened in `window` seconds.

        Returns None when admitted, else the seconds until the oldest counted
        search leaves the window. Count and insert share one transaction, so a
        burst of concurrent selfies cannot all slip under the cap.
        """
        async with self._db.transaction() as connection:
            async with connection.execute(
                "SELECT COUNT(*), MIN(at) FROM searches "
                "WHERE guest_id = ? AND event_id = ? AND at > ?",
                (guest_id, event_id, now - window),
            ) as cursor:
                row = await cursor.fetchone()
            count, oldest = (int(row[0]), row[1]) if row else (0, None)
            if count >= limit:
                return max(1.0, float(oldest) + window - now) if oldest is not None else window
            await connection.execute(
                "INSERT INTO searches (guest_id, event_id, at) VALUES (?,?,?)",
                (guest_id, event_id, now),
            )
            await connection.execute(
                "DELETE FROM searches WHERE guest_id = ? AND at < ?",
                (guest_id, now - KEEP_SECONDS),
            )
        return None
