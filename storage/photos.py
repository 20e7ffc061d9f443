"""Photos and their faces. A photo and its indexing job are written together."""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eventlens.storage.db import Database, Row


@dataclass(frozen=True)
class Photo:
    id: str
    event_id: str
    sha256: str
    source: str
    size_bytes: int
    width: int | None
    height: int | None
    status: str
    face_count: int
    created_at: float


@dataclass(frozen=True)
class FaceRecord:
    """A face as stored: SQLite keeps the embedding so Chroma can be rebuilt."""

    id: str
    photo_id: str
    event_id: str
    face_index: int
    box: tuple[float, float, float, float]
    landmarks: NDArray[np.float32]
    det_score: float
    size_px: float
    sharpness: float
    quality: float
    embedding: NDArray[np.float32]
    outfit: NDArray[np.float32] | None = None  # core/faces/outfit.py (stored as float16)


@dataclass(frozen=True)
class FacePlace:
    photo_id: str
    quality: float


def face_id(photo_id: str, index: int) -> str:
    """Stable across re-runs, so a retried job overwrites instead of duplicating."""
    return f"{photo_id}-{index}"


def photo_of_face(face_id: str) -> str:
    """The photo a face id names (`face_id`'s inverse)."""
    return face_id.rsplit("-", 1)[0]


def _photo(row: Row) -> Photo:
    return Photo(
        id=row["id"],
        event_id=row["event_id"],
        sha256=row["sha256"],
        source=row["source"],
        size_bytes=row["size_bytes"],
        width=row["width"],
        height=row["height"],
        status=row["status"],
        face_count=row["face_count"],
        created_at=row["created_at"],
    )


def _face(row: Row) -> FaceRecord:
    return FaceRecord(
        id=row["id"],
        photo_id=row["photo_id"],
        event_id=row["event_id"],
        face_index=row["face_index"],
        box=(row["x1"], row["y1"], row["x2"], row["y2"]),
        landmarks=np.frombuffer(row["landmarks"], dtype=np.float32).reshape(5, 2),
        det_score=row["det_score"],
        size_px=row["size_px"],
        sharpness=row["sharpness"],
        quality=row["quality"],
        embedding=np.frombuffer(row["embedding"], dtype=np.float32),
        outfit=None
        if row["outfit"] is None
        else np.frombuffer(row["outfit"], dtype=np.float16).astype(np.float32),
    )


class EventGoneError(LookupError):
    """The event was deleted before its photo could be recorded."""


class PhotoStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        event_id: str,
        sha256: str,
        source: str,
        size_bytes: int,
        batch_id: str,
        uploaded_by: int | None = None,
    ) -> tuple[Photo, bool]:
        """Record a stored photo and queue it; `(existing, False)` for a duplicate.

        Raises `EventGoneError` when the event was deleted meanwhile.
        """
        async with self._db.transaction() as connection:
            async with connection.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)) as cur:
                if await cur.fetchone() is None:
                    raise EventGoneError(event_id)
            async with connection.execute(
                "SELECT * FROM photos WHERE event_id = ? AND sha256 = ?", (event_id, sha256)
            ) as cursor:
                existing = await cursor.fetchone()
            if existing is not None:
                return _photo(existing), False
            now = time.time()
            photo_id = uuid.uuid4().hex
            await connection.execute(
                "INSERT INTO photos (id, event_id, sha256, source, size_bytes, uploaded_by, "
                "created_at) VALUES (?,?,?,?,?,?,?)",
                (photo_id, event_id, sha256, source, size_bytes, uploaded_by, now),
            )
            await connection.execute(
                "INSERT INTO jobs (photo_id, event_id, batch_id, created_at, updated_at) "
                "VALUES (?,?,?,?,?)",
                (photo_id, event_id, batch_id, now, now),
            )
        photo = Photo(photo_id, event_id, sha256, source, size_bytes, None, None, "pending", 0, now)
        return photo, True

    async def get(self, photo_id: str) -> Photo | None:
        row = await self._db.fetch_one("SELECT * FROM photos WHERE id = ?", (photo_id,))
        return _photo(row) if row else None

    async def many(self, photo_ids: Sequence[str]) -> dict[str, Photo]:
        found: dict[str, Photo] = {}
        for start in range(0, len(photo_ids), 500):
            chunk = list(photo_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(f"SELECT * FROM photos WHERE id IN ({marks})", chunk)
            found.update((row["id"], _photo(row)) for row in rows)
        return found

    async def of_event(self, event_id: str) -> list[Photo]:
        rows = await self._db.fetch_all(
            "SELECT * FROM photos WHERE event_id = ? ORDER BY created_at", (event_id,)
        )
        return [_photo(row) for row in rows]

    async def save_faces(
        self, photo_id: str, width: int, height: int, faces: Sequence[FaceRecord]
    ) -> bool:
        """Faces, photo status and job completion in one transaction.

        False, writing nothing, when the photo was deleted while it was being indexed.
        """
        async with self._db.transaction() as connection:
            async with connection.execute("SELECT 1 FROM photos WHERE id = ?", (photo_id,)) as cur:
                if await cur.fetchone() is None:
                    return False
            await connection.execute("DELETE FROM faces WHERE photo_id = ?", (photo_id,))
            await connection.executemany(
                "INSERT INTO faces (id, photo_id, event_id, face_index, x1, y1, x2, y2, "
                "landmarks, det_score, size_px, sharpness, quality, embedding, outfit) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        face.id,
                        face.photo_id,
                        face.event_id,
                        face.face_index,
                        *face.box,
                        face.landmarks.astype(np.float32).tobytes(),
                        face.det_score,
                        face.size_px,
                        face.sharpness,
                        face.quality,
                        face.embedding.astype(np.float32).tobytes(),
                        None if face.outfit is None else face.outfit.astype(np.float16).tobytes(),
                    )
                    for face in faces
                ],
            )
            await connection.execute(
                "UPDATE photos SET status = 'indexed', width = ?, height = ?, face_count = ?, "
                "indexed_at = ? WHERE id = ?",
                (width, height, len(faces), time.time(), photo_id),
            )
            await connection.execute(
                "UPDATE jobs SET status = 'done', updated_at = ? WHERE photo_id = ?",
                (time.time(), photo_id),
            )
        return True

    async def remove(self, photo_id: str) -> Photo | None:
        """Delete a photo with its faces and job; returns it so callers can drop the blob."""
        async with self._db.transaction() as connection:
            async with connection.execute(
                "SELECT * FROM photos WHERE id = ?", (photo_id,)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            await connection.execute("DELETE FROM photos WHERE id = ?", (photo_id,))
        return _photo(row)

    async def places(self, face_ids: Sequence[str]) -> dict[str, FacePlace]:
        """The photo and quality of each face still stored (what a search ranks by)."""
        found: dict[str, FacePlace] = {}
        for start in range(0, len(face_ids), 500):
            chunk = list(face_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(
                f"SELECT id, photo_id, quality FROM faces WHERE id IN ({marks})", chunk
            )
            found.update((row["id"], FacePlace(row["photo_id"], row["quality"])) for row in rows)
        return found

    async def existing(self, photo_ids: Sequence[str]) -> set[str]:
        """Which of these photos still exist (a vector may outlive a deleted photo briefly)."""
        found: set[str] = set()
        for start in range(0, len(photo_ids), 500):
            chunk = list(photo_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(f"SELECT id FROM photos WHERE id IN ({marks})", chunk)
            found.update(row["id"] for row in rows)
        return found

    async def sha_in_use(self, sha256: str) -> bool:
        """Whether any photo or archive still being unpacked needs this original."""
        row = await self._db.fetch_one(
            "SELECT 1 FROM photos WHERE sha256 = ? UNION ALL SELECT 1 FROM upload_archives "
            "WHERE sha256 = ? AND status = 'pending' UNION ALL SELECT 1 FROM photo_raws "
            "WHERE sha256 = ? LIMIT 1",
            (sha256, sha256, sha256),
        )
        return row is not None

    async def referenced_blobs(self) -> set[str]:
        """Every original a row still needs: photos, their RAW originals, and archives
        still being unpacked."""
        rows = await self._db.fetch_all(
            "SELECT sha256 FROM photos UNION SELECT sha256 FROM upload_archives "
            "WHERE status = 'pending' UNION SELECT sha256 FROM photo_raws"
        )
        return {str(row[0]) for row in rows}

    async def event_ids(self) -> set[str]:
        return {str(row[0]) for row in await self._db.fetch_all("SELECT id FROM events")}

    async def faces_of_event(self, event_id: str) -> list[FaceRecord]:
        rows = await self._db.fetch_all(
            "SELECT * FROM faces WHERE event_id = ? ORDER BY photo_id, face_index", (event_id,)
        )
        return [_face(row) for row in rows]

    async def faces(self, face_ids: Sequence[str]) -> dict[str, FaceRecord]:
        found: dict[str, FaceRecord] = {}
        for start in range(0, len(face_ids), 500):
            chunk = list(face_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(f"SELECT * FROM faces WHERE id IN ({marks})", chunk)
            found.update((row["id"], _face(row)) for row in rows)
        return found
