"""What the dashboard counts per event, read from the rows other features write,
plus the one counter kept only for it (gallery page views)."""

from __future__ import annotations

from dataclasses import dataclass

from eventlens.storage.db import Database


@dataclass(frozen=True)
class RecordedNumbers:
    people: int  # people seen in more than one photo
    searches: int
    share_links: int  # albums handed to guests as a share link (one per guest and event)
    photos_per_link: list[int]  # photos in each guest's live link
    gallery_views: int


class EventNumbers:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def count_view(self, event_id: str, kind: str = "gallery") -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO event_views (event_id, kind, count) VALUES (?, ?, 1) "
                "ON CONFLICT (event_id, kind) DO UPDATE SET count = event_views.count + 1",
                (event_id, kind),
            )

    async def of_event(self, event_id: str) -> RecordedNumbers:
        row = await self._db.fetch_one(
            "SELECT "
            "(SELECT COUNT(*) FROM people WHERE event_id = ? AND photo_count > 1), "
            "(SELECT COALESCE(SUM(searches), 0) FROM search_audit WHERE event_id = ?), "
            "(SELECT COUNT(*) FROM share_links WHERE event_id = ?), "
            "(SELECT COALESCE(SUM(count), 0) FROM event_views "
            "WHERE event_id = ? AND kind = 'gallery')",
            (event_id,) * 4,
        )
        sizes = await self._db.fetch_all(
            "SELECT COUNT(slp.photo_id) FROM share_links s "
            "LEFT JOIN share_link_photos slp ON slp.link_id = s.id "
            "WHERE s.event_id = ? AND s.revoked_at IS NULL GROUP BY s.id",
            (event_id,),
        )
        assert row is not None
        return RecordedNumbers(
            people=int(row[0]),
            searches=int(row[1]),
            share_links=int(row[2]),
            photos_per_link=[int(size[0]) for size in sizes],
            gallery_views=int(row[3]),
        )
