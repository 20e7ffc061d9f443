"""Events: creation with unguessable tokens, lookup, listing with counts."""

from __future__ import annotations

import dataclasses
import re
import secrets
import time
import uuid
from dataclasses import dataclass

from eventlens.core.errors import InvalidSlugError
from eventlens.storage.db import Database, Row

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
# Days guest data is kept after an event closes, unless its owner sets otherwise
# (the column's default in 0007_retention.sql).
GUEST_DATA_DAYS = 30
# How long a co-photographer invite opens anything after it is made or rotated.
INVITE_SECONDS = 7 * 86400.0


@dataclass(frozen=True)
class Event:
    id: str
    slug: str
    name: str
    event_date: str | None
    owner_id: int | None
    guest_token: str
    invite_token: str
    closed: bool
    model_pack: str
    created_at: float
    closed_at: float | None = None  # when /close happened; None while open
    guest_data_days: int = GUEST_DATA_DAYS
    # After this the co-photographer invite opens nothing (None: set before expiry existed).
    invite_expires_at: float | None = None

    def invite_live(self, now: float) -> bool:
        return self.invite_expires_at is None or self.invite_expires_at > now


@dataclass(frozen=True)
class EventCounts:
    photos: int
    faces: int
    pending: int  # photos stored but not indexed yet
    guests: int
    photographers: int


@dataclass(frozen=True)
class EventSummary:
    event: Event
    counts: EventCounts


# The one query behind every count shown (bot cards, /stats, /events, `eventlens event list`).
_COUNTS = (
    "(SELECT COUNT(*) FROM photos p WHERE p.event_id = e.id) AS photos, "
    "(SELECT COUNT(*) FROM faces f WHERE f.event_id = e.id) AS faces, "
    "(SELECT COUNT(*) FROM photos p WHERE p.event_id = e.id AND p.status = 'pending') AS pending, "
    "(SELECT COUNT(*) FROM joins j WHERE j.event_id = e.id) AS guests, "
    "(SELECT COUNT(*) FROM event_members m WHERE m.event_id = e.id "
    "AND m.removed_at IS NULL) AS photographers"
)


def _counts(row: Row) -> EventCounts:
    return EventCounts(
        row["photos"], row["faces"], row["pending"], row["guests"], row["photographers"]
    )


def event_from_row(row: Row) -> Event:
    """For stores that select `events.*` joined with their own tables."""
    return _event(row)


def _event(row: Row) -> Event:
    return Event(
        id=row["id"],
        slug=row["slug"],
        name=row["name"],
        event_date=row["event_date"],
        owner_id=row["owner_id"],
        guest_token=row["guest_token"],
        invite_token=row["invite_token"],
        closed=bool(row["closed"]),
        model_pack=row["model_pack"],
        created_at=row["created_at"],
        closed_at=row["closed_at"],
        guest_data_days=row["guest_data_days"],
        invite_expires_at=row["invite_expires_at"],
    )


def new_token() -> str:
    """128 random bits, URL-safe; never derived from ids or slugs."""
    return secrets.token_urlsafe(16)


class EventStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(
        self,
        slug: str,
        name: str,
        model_pack: str,
        owner_id: int | None = None,
        event_date: str | None = None,
    ) -> Event:
        if not SLUG_PATTERN.match(slug):
            raise InvalidSlugError()
        event = Event(
            id=uuid.uuid4().hex,
            slug=slug,
            name=name,
            event_date=event_date,
            owner_id=owner_id,
            guest_token=new_token(),
            invite_token=new_token(),
            closed=False,
            model_pack=model_pack,
            created_at=time.time(),
        )
        event = dataclasses.replace(event, invite_expires_at=event.created_at + INVITE_SECONDS)
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO events (id, slug, name, event_date, owner_id, guest_token, "
                "invite_token, closed, model_pack, created_at, invite_expires_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    event.id,
                    event.slug,
                    event.name,
                    event.event_date,
                    event.owner_id,
                    event.guest_token,
                    event.invite_token,
                    0,
                    event.model_pack,
                    event.created_at,
                    event.invite_expires_at,
                ),
            )
        return event

    async def by_slug(self, slug: str) -> Event | None:
        row = await self._db.fetch_one("SELECT * FROM events WHERE slug = ?", (slug,))
        return _event(row) if row else None

    async def by_id(self, event_id: str) -> Event | None:
        row = await self._db.fetch_one("SELECT * FROM events WHERE id = ?", (event_id,))
        return _event(row) if row else None

    async def by_guest_token(self, token: str) -> Event | None:
        row = await self._db.fetch_one("SELECT * FROM events WHERE guest_token = ?", (token,))
        return _event(row) if row else None

    async def by_invite_token(self, token: str) -> Event | None:
        row = await self._db.fetch_one("SELECT * FROM events WHERE invite_token = ?", (token,))
        return _event(row) if row else None

    async def summaries(self, owner_id: int | None = None) -> list[EventSummary]:
        where, params = ("WHERE e.owner_id = ?", (owner_id,)) if owner_id is not None else ("", ())
        rows = await self._db.fetch_all(
            f"SELECT e.*, {_COUNTS} FROM events e {where} ORDER BY e.created_at", params
        )
        return [EventSummary(_event(row), _counts(row)) for row in rows]

    async def counts(self, event_id: str) -> EventCounts:
        row = await self._db.fetch_one(
            f"SELECT {_COUNTS} FROM events e WHERE e.id = ?", (event_id,)
        )
        return _counts(row) if row is not None else EventCounts(0, 0, 0, 0, 0)

    async def closed_events(self) -> list[Event]:
        """Every closed event, the ones whose guest data has a retention deadline."""
        rows = await self._db.fetch_all("SELECT * FROM events WHERE closed_at IS NOT NULL")
        return [_event(row) for row in rows]

    async def rotate_invite(self, event_id: str, now: float) -> Event | None:
        """A fresh invite token valid for a week; the previous one opens nothing."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE events SET invite_token = ?, invite_expires_at = ? WHERE id = ?",
                (new_token(), now + INVITE_SECONDS, event_id),
            )
        return await self.by_id(event_id)

    async def set_closed(self, event_id: str, closed: bool) -> None:
        """Close (keeping the first closing time) or reopen (no deadline any more)."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE events SET closed = ?, "
                "closed_at = CASE WHEN ? = 1 THEN COALESCE(closed_at, ?) ELSE NULL END "
                "WHERE id = ?",
                (int(closed), int(closed), time.time(), event_id),
            )

    async def set_guest_data_days(self, event_id: str, days: int) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE events SET guest_data_days = ? WHERE id = ?", (days, event_id)
            )

    async def delete(self, event_id: str) -> None:
        async with self._db.transaction() as connection:
            await connection.execute("DELETE FROM events WHERE id = ?", (event_id,))
