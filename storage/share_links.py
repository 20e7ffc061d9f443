"""Share links as stored: a random id, owner, event, expiry, revocation, photos.

The photo list is a snapshot of the guest's latest album in the event; a photo the
photographer deletes later leaves every link with it (ON DELETE CASCADE). A guest
has at most one live link per event: a new search refreshes it (`live`, `refresh`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eventlens.storage.db import Database, Row


@dataclass(frozen=True)
class ShareLinkRecord:
    id: str
    guest_id: int
    event_id: str
    created_at: float
    expires_at: float
    revoked_at: float | None


def _record(row: Row) -> ShareLinkRecord:
    return ShareLinkRecord(
        id=row["id"],
        guest_id=row["guest_id"],
        event_id=row["event_id"],
        created_at=row["created_at"],
        expires_at=row["expires_at"],
        revoked_at=row["revoked_at"],
    )


class ShareLinkStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        record: ShareLinkRecord,
        photo_ids: Sequence[str],
    ) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO share_links (id, guest_id, event_id, created_at, expires_at, "
                "revoked_at) VALUES (?,?,?,?,?,?)",
                (
                    record.id,
                    record.guest_id,
                    record.event_id,
                    record.created_at,
                    record.expires_at,
                    record.revoked_at,
                ),
            )
            await connection.executemany(
                "INSERT INTO share_link_photos (link_id, photo_id, position) "
                "VALUES (?,?,?) ON CONFLICT DO NOTHING",
                [(record.id, photo_id, position) for position, photo_id in enumerate(photo_ids)],
            )

    async def live(self, guest_id: int, event_id: str, now: float) -> ShareLinkRecord | None:
        """The guest's newest live link to the event, if any."""
        row = await self._db.fetch_one(
            "SELECT * FROM share_links WHERE guest_id = ? AND event_id = ? "
            "AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at DESC LIMIT 1",
            (guest_id, event_id, now),
        )
        return _record(row) if row else None

    async def refresh(self, link_id: str, expires_at: float, photo_ids: Sequence[str]) -> None:
        """Replace a link's photos with a newer album and push its expiry out."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE share_links SET expires_at = ? WHERE id = ?", (expires_at, link_id)
            )
            await connection.execute("DELETE FROM share_link_photos WHERE link_id = ?", (link_id,))
            await connection.executemany(
                "INSERT INTO share_link_photos (link_id, photo_id, position) "
                "VALUES (?,?,?) ON CONFLICT DO NOTHING",
                [(link_id, photo_id, position) for position, photo_id in enumerate(photo_ids)],
            )

    async def get(self, link_id: str) -> ShareLinkRecord | None:
        row = await self._db.fetch_one("SELECT * FROM share_links WHERE id = ?", (link_id,))
        return _record(row) if row else None

    async def photo_ids(self, link_id: str) -> list[str]:
        rows = await self._db.fetch_all(
            "SELECT photo_id FROM share_link_photos WHERE link_id = ? ORDER BY position",
            (link_id,),
        )
        return [row["photo_id"] for row in rows]

    async def of_guest(
        self, guest_id: int, active_at: float | None = None
    ) -> list[ShareLinkRecord]:
        """The guest's links, newest first; only live ones when `active_at` is given."""
        where = "guest_id = ?"
        params: tuple[object, ...] = (guest_id,)
        if active_at is not None:
            where += " AND revoked_at IS NULL AND expires_at > ?"
            params = (guest_id, active_at)
        rows = await self._db.fetch_all(
            f"SELECT * FROM share_links WHERE {where} ORDER BY created_at DESC", params
        )
        return [_record(row) for row in rows]

    async def revoke(self, link_id: str, guest_id: int, at: float) -> bool:
        """Revoke one of the guest's own links; False if it is not theirs or already revoked."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE share_links SET revoked_at = ? "
                "WHERE id = ? AND guest_id = ? AND revoked_at IS NULL",
                (at, link_id, guest_id),
            )
            return cursor.rowcount == 1
