"""Telegram file ids of the previews and GPS-free originals sent to guests.

A photo goes up to Telegram once per kind; every later album, push or
"original" button re-sends it by id. The photographer's own uploads are not
reused for originals: a document they sent still carries its GPS position. A
preview's id is kept with the watermark version it was made under and only handed
back for that version, so a new watermark is uploaded afresh.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from eventlens.storage.db import Database

GuestFileKind = Literal["preview", "original"]


class GuestFileStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def file_ids(
        self, photo_ids: Sequence[str], kind: GuestFileKind, watermark: int = 0
    ) -> dict[str, str]:
        """Ids uploaded under watermark version `watermark` (originals: always 0)."""
        if not photo_ids:
            return {}
        marks = ",".join("?" * len(photo_ids))
        rows = await self._db.fetch_all(
            "SELECT photo_id, file_id FROM guest_files"
            f" WHERE kind = ? AND watermark = ? AND photo_id IN ({marks})",
            (kind, watermark, *photo_ids),
        )
        return {row["photo_id"]: row["file_id"] for row in rows}

    async def remember(
        self, photo_id: str, kind: GuestFileKind, file_id: str, watermark: int = 0
    ) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO guest_files (photo_id, kind, file_id, watermark) VALUES (?,?,?,?) "
                "ON CONFLICT (photo_id, kind) DO UPDATE SET file_id = excluded.file_id,"
                " watermark = excluded.watermark",
                (photo_id, kind, file_id, watermark),
            )
