"""The event each photographer is uploading to; it goes when the event does."""

from __future__ import annotations

import time

from eventlens.storage.db import Database


class SelectionStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, user_id: int) -> str | None:
        row = await self._db.fetch_one(
            "SELECT event_id FROM selected_events WHERE user_id = ?", (user_id,)
        )
        return str(row["event_id"]) if row else None

    async def updated_at(self, user_id: int) -> float | None:
        """When the photographer last chose their upload event (/use, /newevent, an invite)."""
        row = await self._db.fetch_one(
            "SELECT updated_at FROM selected_events WHERE user_id = ?", (user_id,)
        )
        return float(row["updated_at"]) if row else None

    async def set(self, user_id: int, event_id: str) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO selected_events (user_id, event_id, updated_at) VALUES (?,?,?) "
                "ON CONFLICT (user_id) DO UPDATE SET event_id = excluded.event_id, "
                "updated_at = excluded.updated_at",
                (user_id, event_id, time.time()),
            )
