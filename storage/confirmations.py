""" "That's me" feedback: possible matches a guest confirmed, with the face.

Only the face's id is kept: its embedding is read from the event's own faces, so
confirming copies no face data (the consent notice promises face data only to
followers). Confirming also puts the photo into the guest's live share links for
the event, after the photos already there; a later "not me" on the same photo
replaces the confirmation.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eventlens.storage.db import Database


@dataclass(frozen=True)
class Confirmation:
    photo_id: str
    face_id: str
    embedding: NDArray[np.float32] | None  # None once the face left the index


class ConfirmationStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self,
        guest_id: int,
        event_id: str,
        photo_id: str,
        face_id: str,
    ) -> bool:
        """Record the confirmation; False when the photo was confirmed already."""
        key = (guest_id, event_id, photo_id)
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "INSERT INTO confirmations (guest_id, event_id, photo_id, face_id, "
                "created_at) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING",
                (*key, face_id, time.time()),
            )
            if cursor.rowcount != 1:
                return False
            await connection.execute(
                "DELETE FROM rejections WHERE guest_id = ? AND event_id = ? AND photo_id = ?", key
            )
            await connection.execute(
                "INSERT INTO share_link_photos (link_id, photo_id, position) "
                "SELECT l.id, CAST(? AS TEXT), (SELECT COALESCE(MAX(p.position), -1) + 1 "
                "FROM share_link_photos p WHERE p.link_id = l.id) "
                "FROM share_links l WHERE l.guest_id = ? AND l.event_id = ? "
                "AND l.revoked_at IS NULL ON CONFLICT DO NOTHING",
                (photo_id, guest_id, event_id),
            )
            return True

    async def of_guest(self, guest_id: int, event_id: str) -> list[Confirmation]:
        rows = await self._db.fetch_all(
            "SELECT c.photo_id, c.face_id, f.embedding FROM confirmations c "
            "LEFT JOIN faces f ON f.id = c.face_id "
            "WHERE c.guest_id = ? AND c.event_id = ? ORDER BY c.created_at",
            (guest_id, event_id),
        )
        return [
            Confirmation(
                row["photo_id"],
                row["face_id"],
                None if row["embedding"] is None else np.frombuffer(row["embedding"], np.float32),
            )
            for row in rows
        ]
