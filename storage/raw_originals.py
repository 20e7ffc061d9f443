"""RAW files kept as the originals of photos shown as JPEG, and finding a frame's sibling."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from eventlens.storage.db import Database


@dataclass(frozen=True)
class Sibling:
    """A photo of the chat's open batch whose file name has the same stem."""

    photo_id: str
    source: str


class RawOriginalStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def attach(self, photo_id: str, sha256: str, name: str) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO photo_raws (photo_id, sha256, name) VALUES (?,?,?) "
                "ON CONFLICT (photo_id) DO UPDATE SET sha256 = excluded.sha256, "
                "name = excluded.name",
                (photo_id, sha256, name),
            )

    async def of_photo(self, photo_id: str) -> tuple[str, str] | None:
        """(sha256, name) of the photo's RAW original, if it has one."""
        row = await self._db.fetch_one(
            "SELECT sha256, name FROM photo_raws WHERE photo_id = ?", (photo_id,)
        )
        return (str(row[0]), str(row[1])) if row else None

    async def move(self, from_photo: str, to_photo: str) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE photo_raws SET photo_id = ? WHERE photo_id = ?", (to_photo, from_photo)
            )

    async def siblings(self, event_id: str, chat_id: int, stem: str) -> list[Sibling]:
        """Photos in the chat's open batch for the event named `stem.*` (any case)."""
        rows = await self._db.fetch_all(
            "SELECT p.id, p.source FROM photos p JOIN jobs j ON j.photo_id = p.id "
            "JOIN upload_batches b ON b.id = j.batch_id WHERE b.status = 'open' "
            "AND b.event_id = ? AND b.chat_id = ?",
            (event_id, chat_id),
        )
        wanted = stem.lower()
        return [
            Sibling(str(row[0]), str(row[1]))
            for row in rows
            if PurePath(str(row[1])).stem.lower() == wanted
        ]
