"""Embeddings of following guests' selfies, kept for live updates only.

Only a guest who follows an event has an enrolment; the selfie itself is never
stored, just its 512 floats. `/unfollow` and `/forget` delete them.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from eventlens.storage.db import Database


class EnrolmentStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def enrol(
        self, guest_id: int, event_id: str, embeddings: Sequence[NDArray[np.float32]]
    ) -> None:
        """Follow the event with these embeddings, replacing any earlier enrolment."""
        now = time.time()
        key = (guest_id, event_id)
        async with self._db.transaction() as connection:
            await connection.execute(
                "DELETE FROM enrolments WHERE guest_id = ? AND event_id = ?", key
            )
            await connection.executemany(
                "INSERT INTO enrolments (guest_id, event_id, embedding, created_at) "
                "VALUES (?,?,?,?)",
                [(*key, vector.astype(np.float32).tobytes(), now) for vector in embeddings],
            )
            await connection.execute(
                "UPDATE joins SET following = 1 WHERE guest_id = ? AND event_id = ?", key
            )

    async def of_guest(self, guest_id: int, event_id: str) -> list[NDArray[np.float32]]:
        rows = await self._db.fetch_all(
            "SELECT embedding FROM enrolments WHERE guest_id = ? AND event_id = ? ORDER BY id",
            (guest_id, event_id),
        )
        return [np.frombuffer(row["embedding"], dtype=np.float32) for row in rows]

    async def of_followers(self, event_id: str) -> dict[int, list[NDArray[np.float32]]]:
        """Every following guest's enrolment embeddings for one event.

        The faces a follower confirmed ("that's me") belong to their enrolment too:
        the selfies first, then those faces.
        """
        rows = await self._db.fetch_all(
            "SELECT e.guest_id, e.embedding, 0 AS kind, e.id AS n FROM enrolments e "
            "JOIN joins j ON j.guest_id = e.guest_id AND j.event_id = e.event_id "
            "WHERE e.event_id = ? AND j.following = 1 "
            "UNION ALL SELECT c.guest_id, f.embedding, 1 AS kind, c.created_at AS n "
            "FROM confirmations c JOIN faces f ON f.id = c.face_id JOIN joins j "
            "ON j.guest_id = c.guest_id AND j.event_id = c.event_id "
            "WHERE c.event_id = ? AND j.following = 1 ORDER BY kind, n",
            (event_id, event_id),
        )
        found: dict[int, list[NDArray[np.float32]]] = {}
        for row in rows:
            found.setdefault(row["guest_id"], []).append(
                np.frombuffer(row["embedding"], dtype=np.float32)
            )
        return found
