"""Guests and their joins: language, consent, following, and forgetting them.

Every guest table cascades from `guests`, so `forget` is one DELETE; on SQLite,
with `secure_delete` on and the WAL checkpointed afterwards, the rows are gone from
the files on disk too, not just unreachable (PostgreSQL: see storage/postgres.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

from eventlens.storage.db import Database, Row

JoinVia = Literal["link", "qr"]


@dataclass(frozen=True)
class Join:
    guest_id: int
    event_id: str
    via: JoinVia
    joined_at: float
    consent_at: float | None
    following: bool
    last_push_at: float | None

    @property
    def consented(self) -> bool:
        return self.consent_at is not None


def _join(row: Row) -> Join:
    return Join(
        guest_id=row["guest_id"],
        event_id=row["event_id"],
        via=row["via"],
        joined_at=row["joined_at"],
        consent_at=row["consent_at"],
        following=bool(row["following"]),
        last_push_at=row["last_push_at"],
    )


class GuestStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def language(self, guest_id: int) -> str | None:
        row = await self._db.fetch_one("SELECT language FROM guests WHERE id = ?", (guest_id,))
        return row["language"] if row else None

    async def push_language(self, guest_id: int) -> str | None:
        """The language to write to a guest outside any update: chosen, else Telegram's."""
        row = await self._db.fetch_one(
            "SELECT COALESCE(language, telegram_language) FROM guests WHERE id = ?", (guest_id,)
        )
        return row[0] if row else None

    async def set_language(self, guest_id: int, language: str) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO guests (id, language, created_at) VALUES (?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET language = excluded.language",
                (guest_id, language, time.time()),
            )

    async def join(
        self, guest_id: int, event_id: str, via: JoinVia, telegram_language: str | None = None
    ) -> tuple[Join, bool]:
        """Join an event (idempotent); `(join, True)` when it is new."""
        now = time.time()
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO guests (id, telegram_language, created_at) VALUES (?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET telegram_language = "
                "COALESCE(excluded.telegram_language, guests.telegram_language)",
                (guest_id, telegram_language, now),
            )
            cursor = await connection.execute(
                "INSERT INTO joins (guest_id, event_id, via, joined_at) VALUES (?,?,?,?) "
                "ON CONFLICT DO NOTHING",
                (guest_id, event_id, via, now),
            )
            created = cursor.rowcount == 1
            if not created:  # opening the link again makes the event current again
                await connection.execute(
                    "UPDATE joins SET joined_at = ? WHERE guest_id = ? AND event_id = ?",
                    (now, guest_id, event_id),
                )
        found = await self.get_join(guest_id, event_id)
        assert found is not None
        return found, created

    async def get_join(self, guest_id: int, event_id: str) -> Join | None:
        row = await self._db.fetch_one(
            "SELECT * FROM joins WHERE guest_id = ? AND event_id = ?", (guest_id, event_id)
        )
        return _join(row) if row else None

    async def joins(self, guest_id: int) -> list[Join]:
        """The guest's joins, most recent first."""
        rows = await self._db.fetch_all(
            "SELECT * FROM joins WHERE guest_id = ? ORDER BY joined_at DESC", (guest_id,)
        )
        return [_join(row) for row in rows]

    async def last_acted(self, guest_id: int) -> float | None:
        """When the guest last opened an event's link or accepted its notice."""
        row = await self._db.fetch_one(
            "SELECT MAX(CASE WHEN consent_at > joined_at THEN consent_at ELSE joined_at END) "
            "FROM joins WHERE guest_id = ?",
            (guest_id,),
        )
        return float(row[0]) if row and row[0] is not None else None

    async def accept(self, guest_id: int, event_id: str) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE joins SET consent_at = COALESCE(consent_at, ?) "
                "WHERE guest_id = ? AND event_id = ?",
                (time.time(), guest_id, event_id),
            )

    async def unfollow(self, guest_id: int, event_id: str) -> None:
        """Stop live updates and drop the enrolment and pending pushes with it."""
        key = (guest_id, event_id)
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE joins SET following = 0 WHERE guest_id = ? AND event_id = ?", key
            )
            await connection.execute(
                "DELETE FROM enrolments WHERE guest_id = ? AND event_id = ?", key
            )
            await connection.execute("DELETE FROM pushes WHERE guest_id = ? AND event_id = ?", key)
        await self._db.checkpoint()

    async def followers(self, event_id: str) -> list[int]:
        rows = await self._db.fetch_all(
            "SELECT guest_id FROM joins WHERE event_id = ? AND following = 1", (event_id,)
        )
        return [row["guest_id"] for row in rows]

    async def forget(self, guest_id: int) -> bool:
        """Delete every row about the guest; True if there was anything."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute("DELETE FROM guests WHERE id = ?", (guest_id,))
            existed = cursor.rowcount > 0
        await self._db.checkpoint()
        return existed
