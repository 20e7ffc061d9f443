"""People (face clusters) of an event: replaced as a whole after each re-clustering."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eventlens.storage.db import Database, Row


@dataclass(frozen=True)
class PersonRecord:
    id: str
    event_id: str
    face_ids: tuple[str, ...]
    photo_count: int
    best_face_id: str
    cohesion: float
    centroid: NDArray[np.float32]


@dataclass(frozen=True)
class PersonSummary:
    """A person without the member list: what listings and searches need."""

    id: str
    face_count: int
    photo_count: int
    best_face_id: str
    cohesion: float
    centroid: NDArray[np.float32]


def _summary(row: Row) -> PersonSummary:
    return PersonSummary(
        id=row["id"],
        face_count=row["face_count"],
        photo_count=row["photo_count"],
        best_face_id=row["best_face_id"],
        cohesion=row["cohesion"],
        centroid=np.frombuffer(row["centroid"], dtype=np.float32),
    )


class PeopleStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def replace(self, event_id: str, people: Sequence[PersonRecord]) -> None:
        """Swap an event's clusters in one transaction, so readers never see half."""
        now = time.time()
        async with self._db.transaction() as connection:
            await connection.execute("DELETE FROM people WHERE event_id = ?", (event_id,))
            await connection.executemany(
                "INSERT INTO people (id, event_id, face_count, photo_count, best_face_id, "
                "cohesion, centroid, created_at) VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
                        person.id,
                        event_id,
                        len(person.face_ids),
                        person.photo_count,
                        person.best_face_id,
                        person.cohesion,
                        person.centroid.astype(np.float32).tobytes(),
                        now,
                    )
                    for person in people
                ],
            )
            await connection.executemany(
                "INSERT INTO face_people (face_id, person_id, event_id) VALUES (?,?,?)",
                [(face, person.id, event_id) for person in people for face in person.face_ids],
            )

    async def of_event(self, event_id: str, limit: int | None = None) -> list[PersonSummary]:
        """Largest first (by photos, then faces)."""
        rows = await self._db.fetch_all(
            "SELECT * FROM people WHERE event_id = ? "
            "ORDER BY photo_count DESC, face_count DESC, id LIMIT ?",
            (event_id, -1 if limit is None else limit),
        )
        return [_summary(row) for row in rows]

    async def of_faces(self, face_ids: Sequence[str]) -> dict[str, str]:
        """face id -> person id, for the faces that belong to a person."""
        found: dict[str, str] = {}
        for start in range(0, len(face_ids), 500):
            chunk = list(face_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(
                f"SELECT face_id, person_id FROM face_people WHERE face_id IN ({marks})", chunk
            )
            found.update((row[0], row[1]) for row in rows)
        return found

    async def get(self, person_ids: Sequence[str]) -> dict[str, PersonSummary]:
        marks = ",".join("?" * len(person_ids))
        if not person_ids:
            return {}
        rows = await self._db.fetch_all(
            f"SELECT * FROM people WHERE id IN ({marks})", list(person_ids)
        )
        return {row["id"]: _summary(row) for row in rows}

    async def members(self, person_ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """person id -> [(face id, photo id)] of its members."""
        found: dict[str, list[tuple[str, str]]] = {person: [] for person in person_ids}
        for start in range(0, len(person_ids), 500):
            chunk = list(person_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows = await self._db.fetch_all(
                "SELECT fp.person_id, fp.face_id, f.photo_id FROM face_people fp "
                f"JOIN faces f ON f.id = fp.face_id WHERE fp.person_id IN ({marks})",
                chunk,
            )
            for row in rows:
                found[row[0]].append((row[1], row[2]))
        return found
