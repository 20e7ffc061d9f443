"""People (face clusters) of an event, and the photographer's corrections to them.

A full re-clustering replaces an event's people in one transaction (keeping the ids,
and so the names, of the people it matched); new photos' faces join people one by
one. Corrections live as face-to-face links ('same', 'apart') that outlast both."""

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
    name: str | None = None


@dataclass(frozen=True)
class Links:
    """An event's corrections as face-id pairs."""

    same: list[tuple[str, str]]
    apart: list[tuple[str, str]]


@dataclass(frozen=True)
class PersonSummary:
    """A person without the member list: what listings and searches need."""

    id: str
    face_count: int
    photo_count: int
    best_face_id: str
    cohesion: float
    centroid: NDArray[np.float32]
    name: str | None


def _summary(row: Row) -> PersonSummary:
    return PersonSummary(
        id=row["id"],
        face_count=row["face_count"],
        photo_count=row["photo_count"],
        best_face_id=row["best_face_id"],
        cohesion=row["cohesion"],
        centroid=np.frombuffer(row["centroid"], dtype=np.float32),
        name=row["name"],
    )


def _row(event_id: str, person: PersonRecord, now: float) -> tuple[object, ...]:
    return (
        person.id,
        event_id,
        len(person.face_ids),
        person.photo_count,
        person.best_face_id,
        person.cohesion,
        person.centroid.astype(np.float32).tobytes(),
        now,
        person.name,
    )


_INSERT = (
    "INSERT INTO people (id, event_id, face_count, photo_count, best_face_id, "
    "cohesion, centroid, created_at, name) VALUES (?,?,?,?,?,?,?,?,?)"
)


class PeopleStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def replace(self, event_id: str, people: Sequence[PersonRecord]) -> None:
        """Swap an event's clusters in one transaction, so readers never see half."""
        now = time.time()
        async with self._db.transaction() as connection:
            await connection.execute("DELETE FROM people WHERE event_id = ?", (event_id,))
            await connection.executemany(_INSERT, [_row(event_id, p, now) for p in people])
            await connection.executemany(
                "INSERT INTO face_people (face_id, person_id, event_id) VALUES (?,?,?)",
                [(face, person.id, event_id) for person in people for face in person.face_ids],
            )

    async def rewrite(
        self, event_id: str, people: Sequence[PersonRecord], gone: Sequence[str] = ()
    ) -> None:
        """Write these people whole (rows and members) and drop the `gone` ones, at once."""
        now = time.time()
        async with self._db.transaction() as connection:
            for person_id in [*gone, *(person.id for person in people)]:
                await connection.execute("DELETE FROM people WHERE id = ?", (person_id,))
            for person in people:
                marks = ",".join("?" * len(person.face_ids))
                await connection.execute(
                    f"DELETE FROM face_people WHERE face_id IN ({marks})", person.face_ids
                )
            await connection.executemany(_INSERT, [_row(event_id, p, now) for p in people])
            await connection.executemany(
                "INSERT INTO face_people (face_id, person_id, event_id) VALUES (?,?,?)",
                [(face, person.id, event_id) for person in people for face in person.face_ids],
            )

    async def grow(
        self, event_id: str, grown: Sequence[PersonRecord], new: Sequence[PersonRecord]
    ) -> None:
        """Add one photo's faces: `grown` carry the updated summary and only the new
        member in `face_ids`; `new` people are inserted whole."""
        now = time.time()
        async with self._db.transaction() as connection:
            await connection.executemany(
                "UPDATE people SET face_count = face_count + ?, photo_count = ?, "
                "best_face_id = ?, cohesion = ?, centroid = ? WHERE id = ?",
                [
                    (
                        len(person.face_ids),
                        person.photo_count,
                        person.best_face_id,
                        person.cohesion,
                        person.centroid.astype(np.float32).tobytes(),
                        person.id,
                    )
                    for person in grown
                ],
            )
            await connection.executemany(_INSERT, [_row(event_id, p, now) for p in new])
            await connection.executemany(
                "INSERT INTO face_people (face_id, person_id, event_id) VALUES (?,?,?) "
                "ON CONFLICT (face_id) DO UPDATE SET person_id = excluded.person_id, "
                "event_id = excluded.event_id",
                [
                    (face, person.id, event_id)
                    for person in [*grown, *new]
                    for face in person.face_ids
                ],
            )

    async def rename(self, person_id: str, name: str | None) -> None:
        async with self._db.transaction() as connection:
            await connection.execute("UPDATE people SET name = ? WHERE id = ?", (name, person_id))

    async def link(self, event_id: str, kind: str, pairs: Sequence[tuple[str, str]]) -> None:
        """Record corrections: `kind` is 'same' (merged) or 'apart' (split out)."""
        async with self._db.transaction() as connection:
            await connection.executemany(
                "INSERT INTO people_links (event_id, face_id, other_face_id, kind) "
                "VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                [(event_id, left, right, kind) for left, right in pairs if left != right],
            )

    async def links(self, event_id: str) -> Links:
        rows = await self._db.fetch_all(
            "SELECT face_id, other_face_id, kind FROM people_links WHERE event_id = ?",
            (event_id,),
        )
        return Links(
            same=[(row[0], row[1]) for row in rows if row[2] == "same"],
            apart=[(row[0], row[1]) for row in rows if row[2] == "apart"],
        )

    async def unassigned(self, event_id: str) -> list[str]:
        """Ids of the event's faces that belong to no person yet (new photos)."""
        rows = await self._db.fetch_all(
            "SELECT f.id FROM faces f LEFT JOIN face_people fp ON fp.face_id = f.id "
            "WHERE f.event_id = ? AND fp.face_id IS NULL ORDER BY f.photo_id, f.face_index",
            (event_id,),
        )
        return [row[0] for row in rows]

    async def membership(self, event_id: str) -> dict[str, str]:
        """face id -> person id for the whole event."""
        rows = await self._db.fetch_all(
            "SELECT face_id, person_id FROM face_people WHERE event_id = ?", (event_id,)
        )
        return {row[0]: row[1] for row in rows}

    async def names(self, event_id: str) -> dict[str, str]:
        """person id -> name, for the named people of the event."""
        rows = await self._db.fetch_all(
            "SELECT id, name FROM people WHERE event_id = ? AND name IS NOT NULL", (event_id,)
        )
        return {row[0]: row[1] for row in rows}

    async def of_event(self, event_id: str, limit: int | None = None) -> list[PersonSummary]:
        """Largest first (by photos, then faces)."""
        rows = await self._db.fetch_all(
            "SELECT * FROM people WHERE event_id = ? "
            "ORDER BY photo_count DESC, face_count DESC, id"
            + ("" if limit is None else " LIMIT ?"),
            (event_id,) if limit is None else (event_id, limit),
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
