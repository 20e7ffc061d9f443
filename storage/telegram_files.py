"""Telegram's ids for stored photos.

`file_id` sends a photo again without uploading it; `file_unique_id` is the same
for one file in every chat and every bot, so a photo the bot delivered, or one a
photographer forwards back, can be traced to its row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from eventlens.storage.db import Database

FileKind = Literal["photo", "document"]


@dataclass(frozen=True)
class TelegramFile:
    photo_id: str
    file_unique_id: str
    file_id: str
    kind: FileKind


class TelegramFileStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def remember(self, file: TelegramFile) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO telegram_files (photo_id, file_unique_id, file_id, kind) "
                "VALUES (?,?,?,?) ON CONFLICT (photo_id, file_unique_id) "
                "DO UPDATE SET file_id = excluded.file_id",
                (file.photo_id, file.file_unique_id, file.file_id, file.kind),
            )

    async def photos_with(self, file_unique_ids: Sequence[str]) -> list[str]:
        """Photo ids stored under any of these files, oldest first."""
        if not file_unique_ids:
            return []
        marks = ",".join("?" * len(file_unique_ids))
        rows = await self._db.fetch_all(
            "SELECT t.photo_id FROM telegram_files t JOIN photos p ON p.id = t.photo_id "
            f"WHERE t.file_unique_id IN ({marks}) GROUP BY t.photo_id "
            "ORDER BY MIN(p.created_at)",
            list(file_unique_ids),
        )
        return [str(row["photo_id"]) for row in rows]

    async def of_photo(self, photo_id: str) -> list[TelegramFile]:
        rows = await self._db.fetch_all(
            "SELECT * FROM telegram_files WHERE photo_id = ?", (photo_id,)
        )
        return [
            TelegramFile(row["photo_id"], row["file_unique_id"], row["file_id"], row["kind"])
            for row in rows
        ]
