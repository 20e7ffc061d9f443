"""Who photographs which event: owners and the co-photographers they invited.

Counts for the photographer's overview come from here too, guests included: the
guest side keeps them in its `joins` table (migration 0003); a database without
that table simply has no guests yet.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

from eventlens.storage.db import Database
from eventlens.storage.events import Event, event_from_row

Role = Literal["owner", "photographer"]


@dataclass(frozen=True)
class Membership:
    event: Event
    role: Role


class MemberStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, event_id: str, user_id: int, role: Role) -> bool:
        """Add a member; False when they already were one (an owner stays owner)."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "INSERT OR IGNORE INTO event_members (event_id, user_id, role, added_at) "
                "VALUES (?,?,?,?)",
                (event_id, user_id, role, time.time()),
            )
            return cursor.rowcount == 1

    async def role(self, event_id: str, user_id: int) -> Role | None:
        row = await self._db.fetch_one(
            "SELECT role FROM event_members WHERE event_id = ? AND user_id = ?",
            (event_id, user_id),
        )
        return row["role"] if row else None

    async def has_any(self, user_id: int) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 FROM event_members WHERE user_id = ? LIMIT 1", (user_id,)
        )
        return row is not None

    async def events_of(self, user_id: int) -> list[Membership]:
        rows = await self._db.fetch_all(
            "SELECT e.*, m.role AS member_role FROM event_members m "
            "JOIN events e ON e.id = m.event_id WHERE m.user_id = ? ORDER BY e.created_at",
            (user_id,),
        )
        return [Membership(event_from_row(row), row["member_role"]) for row in rows]
