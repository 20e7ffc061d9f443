"""Each event's watermark row and its version (see migration 0013).

The version grows on every save and on clearing, so anything made under an older
watermark (cached previews, Telegram file ids) can be told apart; 0 means the event
never had one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import cast

from eventlens.core.media.watermark import Position, Watermark
from eventlens.storage.db import Database


@dataclass(frozen=True)
class SavedWatermark:
    version: int
    watermark: Watermark | None  # None: cleared


class WatermarkStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def version(self, event_id: str) -> int:
        row = await self._db.fetch_one(
            "SELECT version FROM watermarks WHERE event_id = ?", (event_id,)
        )
        return int(row["version"]) if row else 0

    async def get(self, event_id: str) -> SavedWatermark:
        row = await self._db.fetch_one("SELECT * FROM watermarks WHERE event_id = ?", (event_id,))
        if row is None:
            return SavedWatermark(0, None)
        if row["kind"] == "none":
            return SavedWatermark(int(row["version"]), None)
        watermark = Watermark(
            row["text"],
            bytes(row["logo"]) if row["logo"] is not None else None,
            cast(Position, row["position"]),
            float(row["size"]),
            float(row["opacity"]),
        )
        return SavedWatermark(int(row["version"]), watermark)

    async def save(self, event_id: str, watermark: Watermark | None) -> int:
        """Store `watermark` (None: clear it); returns the new version."""
        values: tuple[str | None, bytes | None, str, float, float]
        if watermark is None:
            kind, values = "none", (None, None, "bottom_right", 0.0, 0.0)
        else:
            kind = "logo" if watermark.logo is not None else "text"
            values = (
                watermark.text,
                watermark.logo,
                watermark.position,
                watermark.size,
                watermark.opacity,
            )
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO watermarks (event_id, kind, text, logo, position, size, opacity,"
                " version, updated_at) VALUES (?,?,?,?,?,?,?,1,?) ON CONFLICT (event_id) DO UPDATE"
                " SET kind = excluded.kind, text = excluded.text, logo = excluded.logo,"
                " position = excluded.position, size = excluded.size,"
                " opacity = excluded.opacity, version = watermarks.version + 1,"
                " updated_at = excluded.updated_at",
                (event_id, kind, *values, time.time()),
            )
        return await self.version(event_id)

    async def sample_photo(self, event_id: str) -> str | None:
        """The blob of the event's first photo, to try a watermark on; None without photos."""
        row = await self._db.fetch_one(
            "SELECT sha256 FROM photos WHERE event_id = ? ORDER BY created_at LIMIT 1",
            (event_id,),
        )
        return str(row["sha256"]) if row else None
