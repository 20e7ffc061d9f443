"""Who photographs which event: owners and the co-photographers they invited.

Counts for the photographer's overview come from here too, guests included: the
guest side keeps them in its `joins` table (migration 0003); a database without
that table simply has no guests yet. A photographer the owner removed keeps a row
with `removed_at` set: they are no member (no role, no uploads) but are told why.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

from eventlens.storage.db import Database
from eventlens.storage.events import Event, event_from_row

Role = Literal["owner", "photographer"]


@dataclass(frozen=True)
class Member:
    """A co-photographer as /members lists them."""

    user_id: int
    name: str | None
    added_at: float


@dataclass(frozen=True)
class Membership:
    event: Event
    role: Role


class MemberStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, event_id: str, user_id: int, role: Role, name: str | None = None) -> bool:
        """Add a member, or take a removed one back; False when they already were one
        (an owner stays owner)."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "INSERT INTO event_members (event_id, user_id, role, added_at, name) "
                "VALUES (?,?,?,?,?) ON CONFLICT (event_id, user_id) DO UPDATE SET "
                "removed_at = NULL, added_at = excluded.added_at, "
                "name = COALESCE(excluded.name, event_members.name) "
                "WHERE event_members.removed_at IS NOT NULL",
                (event_id, user_id, role, time.time(), name),
            )
            return cursor.rowcount == 1

    async def role(self, event_id: str, user_id: int) -> Role | None:
        row = await self._db.fetch_one(
            "SELECT role FROM event_members WHERE event_id = ? AND user_id = ? "
            "AND removed_at IS NULL",
            (event_id, user_id),
        )
        return row["role"] if row else None

    async def was_removed(self, event_id: str, user_id: int) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 FROM event_members WHERE event_id = ? AND user_id = ? "
            "AND removed_at IS NOT NULL",
            (event_id, user_id),
        )
        return row is not None

    async def photographers(self, event_id: str) -> list[Member]:
        """The event's co-photographers (not the owner, not the removed), oldest first."""
        rows = await self._db.fetch_all(
            "SELECT user_id, name, added_at FROM event_members WHERE event_id = ? "
            "AND role = 'photographer' AND removed_at IS NULL ORDER BY added_at",
            (event_id,),
        )
        return [Member(row["user_id"], row["name"], row["added_at"]) for row in rows]

    async def remove(self, event_id: str, user_id: int) -> bool:
        """Remove a co-photographer (never the owner); False if they were none."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE event_members SET removed_at = ? WHERE event_id = ? AND user_id = ? "
                "AND role = 'photographer' AND removed_at IS NULL",
                (time.time(), event_id, user_id),
            )
            return cursor.rowcount == 1

    async def has_any(self, user_id: int) -> bool:
        """Members of any event, removed ones included (their uploads are refused by name)."""
        row = await self._db.fetch_one(
            "SELECT 1 FROM event_members WHERE user_id = ? LIMIT 1", (user_id,)
        )
        return row is not None

    async def events_of(self, user_id: int) -> list[Membership]:
        rows = await self._db.fetch_all(
            "SELECT e.*, m.role AS member_role FROM event_members m "
            "JOIN events e ON e.id = m.event_id WHERE m.user_id = ? AND m.removed_at IS NULL "
            "ORDER BY e.created_at",
            (user_id,),
        )
        return [Membership(event_from_row(row), row["member_role"]) for row in rows]
