""" "Not me" feedback: photos a guest removed from their album, with the face.

The face's embedding is copied here so the penalty keeps working after the
event is re-indexed; the row goes with its photo. The photo also leaves the
guest's share links for that event, and a confirmation of it ("that's me") goes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eventlens.storage.db import Database


@dataclass(frozen=True)
class Rejection:
    photo_id: str
    face_id: str
    embedding: NDArray[np.float32]


class RejectionStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        guest_id: int,
        event_id: str,
        photo_id: str,
        face_id: str,
        embedding: NDArray[np.float32],
    ) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO rejections (guest_id, event_id, photo_id, face_id, "
                "embedding, created_at) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT (guest_id, event_id, photo_id) DO UPDATE SET "
                "face_id = excluded.face_id, embedding = excluded.embedding, "
                "created_at = excluded.created_at",
                (
                    guest_id,
                    event_id,
                    photo_id,
                    face_id,
                    embedding.astype(np.float32).tobytes(),
                    time.time(),
                ),
            )
            await connection.execute(
                "DELETE FROM confirmations WHERE guest_id = ? AND event_id = ? AND photo_id = ?",
                (guest_id, event_id, photo_id),
            )
            await connection.execute(
                "DELETE FROM share_link_photos WHERE photo_id = ? AND link_id IN "
                "(SELECT id FROM share_links WHERE guest_id = ? AND event_id = ?)",
                (photo_id, guest_id, event_id),
            )

    async def of_guest(self, guest_id: int, event_id: str) -> list[Rejection]:
        rows = await self._db.fetch_all(
            "SELECT photo_id, face_id, embedding FROM rejections "
            "WHERE guest_id = ? AND event_id = ? ORDER BY created_at",
            (guest_id, event_id),
        )
        return [
            Rejection(row["photo_id"], row["face_id"], np.frombuffer(row["embedding"], np.float32))
            for row in rows
        ]
