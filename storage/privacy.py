"""What EventLens keeps about one guest right now, read from every guest table."""

from __future__ import annotations

from dataclasses import dataclass

from eventlens.storage.db import Database
from eventlens.storage.events import GUEST_DATA_DAYS


@dataclass(frozen=True)
class EventData:
    event_id: str
    event_name: str
    via: str
    joined_at: float
    consent_at: float | None
    following: bool
    enrolments: int
    rejections: int
    pending_pushes: int
    sent_pushes: int
    searches: int
    # The event's retention: its data is kept until `closed_at` + `guest_data_days` days.
    closed_at: float | None = None
    guest_data_days: int = GUEST_DATA_DAYS
    confirmations: int = 0  # photos marked "that's me"
    hidden: int = 0  # photos hidden from other guests


@dataclass(frozen=True)
class PrivacyReport:
    guest_id: int
    known: bool
    language: str | None
    events: tuple[EventData, ...]
    active_links: int
    inactive_links: int
    # Set by the caller: a search (selfie embeddings) held in memory right now.
    search_in_memory: bool = False
    # When the report was read (dates in it are compared with this).
    at: float = 0.0


async def privacy_report(db: Database, guest_id: int, now: float) -> PrivacyReport:
    guest = await db.fetch_one("SELECT language FROM guests WHERE id = ?", (guest_id,))
    if guest is None:
        return PrivacyReport(guest_id, False, None, (), 0, 0, at=now)
    rows = await db.fetch_all(
        "SELECT j.event_id, e.name, j.via, j.joined_at, j.consent_at, j.following, "
        "(SELECT COUNT(*) FROM enrolments x WHERE x.guest_id = j.guest_id "
        " AND x.event_id = j.event_id), "
        "(SELECT COUNT(*) FROM rejections x WHERE x.guest_id = j.guest_id "
        " AND x.event_id = j.event_id), "
        "(SELECT COUNT(*) FROM pushes x WHERE x.guest_id = j.guest_id "
        " AND x.event_id = j.event_id AND x.sent_at IS NULL), "
        "(SELECT COUNT(*) FROM pushes x WHERE x.guest_id = j.guest_id "
        " AND x.event_id = j.event_id AND x.sent_at IS NOT NULL), "
        "(SELECT COUNT(*) FROM searches x WHERE x.guest_id = j.guest_id "
        " AND x.event_id = j.event_id), "
        "e.closed_at, e.guest_data_days, "
        "(SELECT COUNT(*) FROM confirmations x WHERE x.guest_id = j.guest_id "
        " AND x.event_id = j.event_id), "
        "(SELECT COUNT(*) FROM hidden_photos x WHERE x.guest_id = j.guest_id "
        " AND x.event_id = j.event_id) "
        "FROM joins j JOIN events e ON e.id = j.event_id WHERE j.guest_id = ? "
        "ORDER BY j.joined_at",
        (guest_id,),
    )
    links = await db.fetch_one(
        "SELECT SUM(CASE WHEN revoked_at IS NULL AND expires_at > ? THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN revoked_at IS NOT NULL OR expires_at <= ? THEN 1 ELSE 0 END) "
        "FROM share_links WHERE guest_id = ?",
        (now, now, guest_id),
    )
    active, inactive = (int(links[0] or 0), int(links[1] or 0)) if links else (0, 0)
    events = tuple(
        EventData(
            event_id=row[0],
            event_name=row[1],
            via=row[2],
            joined_at=row[3],
            consent_at=row[4],
            following=bool(row[5]),
            enrolments=row[6],
            rejections=row[7],
            pending_pushes=row[8],
            sent_pushes=row[9],
            searches=row[10],
            closed_at=row[11],
            guest_data_days=row[12],
            confirmations=row[13],
            hidden=row[14],
        )
        for row in rows
    )
    return PrivacyReport(guest_id, True, guest["language"], events, active, inactive, at=now)
