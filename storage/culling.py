"""Culling verdicts per photo and face, burst groups, and photos hidden by the photographer.

Rows are written once when a photo is indexed (core/culling/keeper.py) and go
with the photo. A photo the photographer hides leaves every guest's albums, live
updates and share links (storage/hidden_photos.py reads this table too).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from eventlens.storage.db import Database, Row

RECENT_FRAMES = 64  # photos without a capture time are compared with this many recent ones


@dataclass(frozen=True)
class PhotoCull:
    photo_id: str
    event_id: str
    sharpness: float
    brightness: float
    highlights: float
    shadows: float
    phash: str
    taken_at: float | None
    group_id: str


@dataclass(frozen=True)
class FaceCull:
    face_id: str
    photo_id: str
    blurred: bool
    eyes: float | None


def _photo(row: Row) -> PhotoCull:
    return PhotoCull(
        photo_id=row["photo_id"],
        event_id=row["event_id"],
        sharpness=row["sharpness"],
        brightness=row["brightness"],
        highlights=row["highlights"],
        shadows=row["shadows"],
        phash=row["phash"],
        taken_at=row["taken_at"],
        group_id=row["group_id"],
    )


def _face(row: Row) -> FaceCull:
    return FaceCull(row["face_id"], row["photo_id"], bool(row["blurred"]), row["eyes"])


def _marks(count: int) -> str:
    return ",".join("?" * count)


class CullingStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def near(self, event_id: str, taken_at: float | None, seconds: float) -> list[PhotoCull]:
        """Photos taken within `seconds` of `taken_at`, and the most recently assessed ones."""
        rows = list(
            await self._db.fetch_all(
                "SELECT * FROM photo_culling WHERE event_id = ? ORDER BY assessed_at DESC LIMIT ?",
                (event_id, RECENT_FRAMES),
            )
        )
        if taken_at is not None:
            rows += await self._db.fetch_all(
                "SELECT * FROM photo_culling WHERE event_id = ? AND taken_at BETWEEN ? AND ?",
                (event_id, taken_at - seconds, taken_at + seconds),
            )
        return list({row["photo_id"]: _photo(row) for row in rows}.values())

    async def save(
        self, photo: PhotoCull, merged: Sequence[str], faces: Sequence[FaceCull]
    ) -> None:
        """The photo's verdict in its group (other groups `merged` into it) and its faces'."""
        async with self._db.transaction() as connection:
            async with connection.execute(
                "SELECT 1 FROM photos WHERE id = ?", (photo.photo_id,)
            ) as cur:
                if await cur.fetchone() is None:
                    return  # deleted while it was indexed
            await connection.execute(
                "INSERT INTO photo_culling (photo_id, event_id, sharpness, brightness, highlights,"
                " shadows, phash, taken_at, group_id, assessed_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT (photo_id) DO UPDATE SET sharpness = excluded.sharpness,"
                " brightness = excluded.brightness, highlights = excluded.highlights,"
                " shadows = excluded.shadows, phash = excluded.phash,"
                " taken_at = excluded.taken_at, group_id = excluded.group_id,"
                " assessed_at = excluded.assessed_at",
                (
                    photo.photo_id,
                    photo.event_id,
                    photo.sharpness,
                    photo.brightness,
                    photo.highlights,
                    photo.shadows,
                    photo.phash,
                    photo.taken_at,
                    photo.group_id,
                    time.time(),
                ),
            )
            if merged:
                await connection.execute(
                    f"UPDATE photo_culling SET group_id = ? WHERE event_id = ? "
                    f"AND group_id IN ({_marks(len(merged))})",
                    (photo.group_id, photo.event_id, *merged),
                )
            await connection.execute(
                "DELETE FROM face_culling WHERE photo_id = ?", (photo.photo_id,)
            )
            await connection.executemany(
                "INSERT INTO face_culling (face_id, photo_id, blurred, eyes) VALUES (?,?,?,?)",
                [(face.face_id, face.photo_id, int(face.blurred), face.eyes) for face in faces],
            )

    async def of_photos(self, photo_ids: Sequence[str]) -> dict[str, PhotoCull]:
        found: dict[str, PhotoCull] = {}
        for start in range(0, len(photo_ids), 500):
            chunk = photo_ids[start : start + 500]
            rows = await self._db.fetch_all(
                f"SELECT * FROM photo_culling WHERE photo_id IN ({_marks(len(chunk))})", chunk
            )
            found.update((row["photo_id"], _photo(row)) for row in rows)
        return found

    async def faces(self, face_ids: Sequence[str]) -> dict[str, FaceCull]:
        found: dict[str, FaceCull] = {}
        for start in range(0, len(face_ids), 500):
            chunk = face_ids[start : start + 500]
            rows = await self._db.fetch_all(
                f"SELECT * FROM face_culling WHERE face_id IN ({_marks(len(chunk))})", chunk
            )
            found.update((row["face_id"], _face(row)) for row in rows)
        return found

    async def of_event(self, event_id: str) -> tuple[list[PhotoCull], list[FaceCull]]:
        """Every verdict of the event's photos and faces, photos in capture order."""
        photos = await self._db.fetch_all(
            "SELECT * FROM photo_culling WHERE event_id = ? ORDER BY taken_at, assessed_at",
            (event_id,),
        )
        faces = await self._db.fetch_all(
            "SELECT f.* FROM face_culling f JOIN photo_culling p ON p.photo_id = f.photo_id "
            "WHERE p.event_id = ?",
            (event_id,),
        )
        return [_photo(row) for row in photos], [_face(row) for row in faces]

    async def hide(self, event_id: str, photo_ids: Sequence[str], hidden_by: int | None) -> int:
        """Hide photos of the event from every guest; returns how many were newly hidden."""
        if not photo_ids:
            return 0
        before = await self.hidden(event_id)
        async with self._db.transaction() as connection:
            await connection.executemany(
                "INSERT INTO culled_photos (event_id, photo_id, hidden_by, created_at) "
                "SELECT ?, id, ?, ? FROM photos WHERE id = ? AND event_id = ? "
                "ON CONFLICT (event_id, photo_id) DO NOTHING",
                [(event_id, hidden_by, time.time(), pid, event_id) for pid in photo_ids],
            )
            await connection.execute(
                f"DELETE FROM share_link_photos WHERE photo_id IN ({_marks(len(photo_ids))}) "
                "AND link_id IN (SELECT id FROM share_links WHERE event_id = ?)",
                (*photo_ids, event_id),
            )
        return len(await self.hidden(event_id) - before)

    async def hidden(self, event_id: str) -> set[str]:
        rows = await self._db.fetch_all(
            "SELECT photo_id FROM culled_photos WHERE event_id = ?", (event_id,)
        )
        return {row["photo_id"] for row in rows}
