"""When each guest searched each event (the hourly cap) and how often per day (the
daily cap across events, and the photographer's log of searches)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from eventlens.storage.db import Database

# Rows older than this are of no use to any limit and are deleted.
KEEP_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Wait:
    """A refused search: how long until the next one is admitted, and which cap refused."""

    seconds: float
    daily: bool = False


@dataclass(frozen=True)
class DailyCap:
    """At most `limit` searches per UTC day for the guest named `guest_hash`, all events."""

    guest_hash: str
    limit: int


@dataclass(frozen=True)
class AuditRow:
    day: str  # UTC date, YYYY-MM-DD
    guest_hash: str
    searches: int


def utc_day(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).date().isoformat()


def _until_tomorrow(now: float) -> float:
    today = datetime.fromtimestamp(now, UTC).date()
    midnight = datetime(today.year, today.month, today.day, tzinfo=UTC) + timedelta(days=1)
    return max(1.0, midnight.timestamp() - now)


class SearchLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def admit(
        self,
        guest_id: int,
        event_id: str,
        now: float,
        limit: int,
        window: float,
        daily: DailyCap | None = None,
    ) -> Wait | None:
        """Record a search if fewer than `limit` happened in `window` seconds (and the
        guest is under the daily cap across events).

        Returns None when admitted, else how long to wait. Counts and inserts share
        one transaction, so a burst of concurrent selfies cannot slip under a cap.
        """
        day = utc_day(now)
        async with self._db.transaction() as connection:
            if daily is not None:
                async with connection.execute(
                    "SELECT COALESCE(SUM(searches), 0) FROM search_audit "
                    "WHERE guest_hash = ? AND day = ?",
                    (daily.guest_hash, day),
                ) as cursor:
                    today = await cursor.fetchone()
                if today is not None and int(today[0]) >= daily.limit:
                    return Wait(_until_tomorrow(now), daily=True)
            async with connection.execute(
                "SELECT COUNT(*), MIN(at) FROM searches "
                "WHERE guest_id = ? AND event_id = ? AND at > ?",
                (guest_id, event_id, now - window),
            ) as cursor:
                row = await cursor.fetchone()
            count, oldest = (int(row[0]), row[1]) if row else (0, None)
            if count >= limit:
                return Wait(
                    max(1.0, float(oldest) + window - now) if oldest is not None else window
                )
            await connection.execute(
                "INSERT INTO searches (guest_id, event_id, at) VALUES (?,?,?)",
                (guest_id, event_id, now),
            )
            await connection.execute(
                "DELETE FROM searches WHERE guest_id = ? AND at < ?",
                (guest_id, now - KEEP_SECONDS),
            )
            if daily is not None:
                await connection.execute(
                    "INSERT INTO search_audit (event_id, day, guest_hash, searches) "
                    "VALUES (?,?,?,1) ON CONFLICT (event_id, day, guest_hash) "
                    "DO UPDATE SET searches = search_audit.searches + 1",
                    (event_id, day, daily.guest_hash),
                )
        return None

    async def audit(self, event_id: str, since: float) -> list[AuditRow]:
        """The event's searches per day and guest hash from `since` on, newest day first."""
        rows = await self._db.fetch_all(
            "SELECT day, guest_hash, searches FROM search_audit WHERE event_id = ? AND day >= ? "
            "ORDER BY day DESC, searches DESC, guest_hash",
            (event_id, utc_day(since)),
        )
        return [AuditRow(row["day"], row["guest_hash"], row["searches"]) for row in rows]
