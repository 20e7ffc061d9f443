""" "Hide from others": photos a guest keeps out of other guests' albums, and the
photographer's per-event switch that allows it.

Hiding also takes the photo out of every other guest's share links for the event
at once; the hider's own album and links keep it. Hides go with the hider's join
(/forget, retention) and with the photo.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from eventlens.storage.db import Database


@dataclass(frozen=True)
class HiddenPhoto:
    photo_id: str
    source: str  # the photo's file name as uploaded (who hid it is not shown)
    created_at: float


class HiddenPhotoStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def allow(self, event_id: str, allowed: bool) -> None:
        async with self._db.transaction() as connection:
            if allowed:
                await connection.execute(
                    "INSERT INTO guest_hiding (event_id, allowed_at) VALUES (?,?) "
                    "ON CONFLICT DO NOTHING",
                    (event_id, time.time()),
                )
            else:
                await connection.execute("DELETE FROM guest_hiding WHERE event_id = ?", (event_id,))

    async def allowed(self, event_id: str) -> bool:
        row = await self._db.fetch_one("SELECT 1 FROM guest_hiding WHERE event_id = ?", (event_id,))
        return row is not None

    async def hide(self, guest_id: int, event_id: str, photo_id: str) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO hidden_photos (guest_id, event_id, photo_id, created_at) "
                "VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                (guest_id, event_id, photo_id, time.time()),
            )
            await connection.execute(
                "DELETE FROM share_link_photos WHERE photo_id = ? AND link_id IN "
                "(SELECT id FROM share_links WHERE event_id = ? AND guest_id != ?)",
                (photo_id, event_id, guest_id),
            )

    async def hidden_from(self, guest_id: int, event_id: str) -> set[str]:
        """Photos of the event the guest does not see: hidden by others or the photographer."""
        rows = await self._db.fetch_all(
            "SELECT photo_id FROM hidden_photos WHERE event_id = ? AND guest_id != ? "
            "UNION SELECT photo_id FROM culled_photos WHERE event_id = ?",
            (event_id, guest_id, event_id),
        )
        return {row["photo_id"] for row in rows}

    async def of_event(self, event_id: str) -> list[HiddenPhoto]:
        """What guests hid in the event, newest first."""
        rows = await self._db.fetch_all(
            "SELECT h.photo_id, p.source, MIN(h.created_at) AS created_at FROM hidden_photos h "
            "JOIN photos p ON p.id = h.photo_id WHERE h.event_id = ? "
            "GROUP BY h.photo_id, p.source ORDER BY created_at DESC",
            (event_id,),
        )
        return [HiddenPhoto(row["photo_id"], row["source"], row["created_at"]) for row in rows]
