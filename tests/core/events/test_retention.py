"""The retention purge deletes the guest data of closed events past their period, and
nothing of any other event; expired share links go too."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from eventlens.core.events.retention import DAY_SECONDS, Retention, RetentionDaysError, check_days
from eventlens.storage.db import Database
from eventlens.storage.enrolments import EnrolmentStore
from eventlens.storage.events import Event, EventStore
from eventlens.storage.guests import GuestStore
from eventlens.storage.pushes import PendingPush, PushStore
from eventlens.storage.rejections import RejectionStore
from eventlens.storage.retention import DueEvent, Purged, RetentionStore
from eventlens.storage.search_log import SearchLog
from eventlens.storage.share_links import ShareLinkRecord, ShareLinkStore

GUEST_TABLES = ("joins", "enrolments", "rejections", "pushes", "searches", "share_links")
EVERYWHERE, ONLY_EXPIRED = 501, 502  # guests: one joined all three events, one only the old one


@dataclass
class World:
    db: Database
    events: EventStore
    guests: GuestStore
    retention: RetentionStore
    expired: Event  # closed, kept 1 day
    kept: Event  # closed, kept 60 days
    open: Event


def _face(event_index: int, guest_id: int) -> NDArray[np.float32]:
    """A distinctive embedding, so its bytes can be looked for in the database file."""
    rng = np.random.default_rng(event_index * 10_000 + guest_id)
    return rng.standard_normal(512).astype(np.float32)


async def _guest_data(db: Database, event: Event, index: int, guest_id: int, now: float) -> None:
    guests = GuestStore(db)
    await guests.join(guest_id, event.id, "link")
    await guests.accept(guest_id, event.id)
    await EnrolmentStore(db).enrol(guest_id, event.id, [_face(index, guest_id)])
    photo_id = uuid.uuid4().hex
    async with db.transaction() as connection:
        await connection.execute(
            "INSERT INTO photos (id, event_id, sha256, source, size_bytes, created_at) "
            "VALUES (?,?,?,?,?,?)",
            (photo_id, event.id, photo_id, "a.jpg", 1, now),
        )
    await RejectionStore(db).add(guest_id, event.id, photo_id, "face", _face(index, 99))
    await PushStore(db).add([PendingPush(guest_id, event.id, photo_id, 0.9)])
    assert await SearchLog(db).admit(guest_id, event.id, now, 100, 3600.0) is None
    link = ShareLinkRecord(uuid.uuid4().hex, guest_id, event.id, now, now + 90 * DAY_SECONDS, None)
    await ShareLinkStore(db).add(link, [photo_id])


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    db = await Database.open(tmp_path / "db.sqlite3")
    events = EventStore(db)
    expired = await events.create("old", "Old", "buffalo_s", owner_id=1)
    kept = await events.create("recent", "Recent", "buffalo_s", owner_id=1)
    still_open = await events.create("open", "Open", "buffalo_s", owner_id=1)
    await events.set_guest_data_days(expired.id, 1)
    await events.set_guest_data_days(kept.id, 60)
    for event in (expired, kept):
        await events.set_closed(event.id, True)
    now = time.time()
    for index, event in enumerate((expired, kept, still_open)):
        await _guest_data(db, event, index, EVERYWHERE, now)
    await _guest_data(db, expired, 0, ONLY_EXPIRED, now)
    built = World(db, events, GuestStore(db), RetentionStore(db), expired, kept, still_open)
    try:
        yield built
    finally:
        await built.db.close()


async def _count(db: Database, table: str, event_id: str) -> int:
    row = await db.fetch_one(f"SELECT COUNT(*) FROM {table} WHERE event_id = ?", (event_id,))
    assert row is not None
    return int(row[0])


async def _counts(db: Database, event: Event) -> dict[str, int]:
    return {table: await _count(db, table, event.id) for table in GUEST_TABLES}


def _in_two_days() -> float:
    return time.time() + 2 * DAY_SECONDS


async def test_purge_deletes_exactly_the_expired_events_guest_data(
    world: World, tmp_path: Path
) -> None:
    kept_before = await _counts(world.db, world.kept)
    open_before = await _counts(world.db, world.open)
    assert kept_before == open_before == dict.fromkeys(GUEST_TABLES, 1)
    assert (await _counts(world.db, world.expired))["joins"] == 2

    purged = await Retention(world.events, world.retention, clock=_in_two_days).purge()

    assert purged == Purged(events=1, joins=2, expired_links=0, guests=1)
    assert await _counts(world.db, world.expired) == dict.fromkeys(GUEST_TABLES, 0)
    assert await _counts(world.db, world.kept) == kept_before
    assert await _counts(world.db, world.open) == open_before
    orphans = await world.db.fetch_one(
        "SELECT COUNT(*) FROM share_link_photos WHERE link_id NOT IN (SELECT id FROM share_links)"
    )
    assert orphans is not None and orphans[0] == 0
    # The guest who joined only the old event is gone; the other keeps their other events.
    assert await world.guests.joins(ONLY_EXPIRED) == []
    assert await world.db.fetch_one("SELECT 1 FROM guests WHERE id = ?", (ONLY_EXPIRED,)) is None
    assert {join.event_id for join in await world.guests.joins(EVERYWHERE)} == {
        world.kept.id,
        world.open.id,
    }
    # The photos themselves are the photographer's, not guest data.
    assert await _count(world.db, "photos", world.expired.id) == 2  # one per guest


async def test_purged_face_data_is_gone_from_the_files(world: World, tmp_path: Path) -> None:
    await Retention(world.events, world.retention, clock=_in_two_days).purge()

    await world.db.close()
    stored = (tmp_path / "db.sqlite3").read_bytes()
    wal = tmp_path / "db.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    for guest_id in (EVERYWHERE, ONLY_EXPIRED, 99):  # enrolments, then "not me" marks
        assert _face(0, guest_id).tobytes() not in stored
    assert _face(1, EVERYWHERE).tobytes() in stored  # the kept event's enrolment is still there
    world.db = await Database.open(tmp_path / "db.sqlite3")  # for the fixture's close


async def test_nothing_is_purged_before_the_period_ends_or_while_open(world: World) -> None:
    purged = await Retention(world.events, world.retention).purge()

    assert purged == Purged(0, 0, 0, 0)
    assert (await _counts(world.db, world.expired))["joins"] == 2


async def test_an_event_reopened_after_the_decision_keeps_its_data(world: World) -> None:
    closed = await world.events.by_id(world.expired.id)
    assert closed is not None and closed.closed_at is not None
    await world.events.set_closed(closed.id, False)

    purged = await world.retention.purge([DueEvent(closed.id, closed.closed_at)], _in_two_days())

    assert purged.events == 0
    assert (await _counts(world.db, world.expired))["enrolments"] == 2


async def test_expired_share_links_of_any_event_are_purged(world: World) -> None:
    now = time.time()
    short = ShareLinkRecord("short", EVERYWHERE, world.open.id, now, now + DAY_SECONDS, None)
    await ShareLinkStore(world.db).add(short, [])

    purged = await Retention(world.events, world.retention, clock=_in_two_days).purge()

    assert purged.expired_links == 1
    links = await ShareLinkStore(world.db).of_guest(EVERYWHERE)
    assert {link.event_id for link in links} == {world.kept.id, world.open.id}
    assert "short" not in {link.id for link in links}


async def test_the_loop_purges_at_start_and_again_each_interval(world: World) -> None:
    retention = Retention(world.events, world.retention, clock=_in_two_days, interval=0.05)
    task = asyncio.create_task(retention.run())
    try:
        for _ in range(200):
            if await _count(world.db, "joins", world.expired.id) == 0:
                break
            await asyncio.sleep(0.01)
        assert await _count(world.db, "joins", world.expired.id) == 0
        await world.guests.join(ONLY_EXPIRED, world.expired.id, "qr")  # joined after the end
        for _ in range(200):
            if await _count(world.db, "joins", world.expired.id) == 0:
                break
            await asyncio.sleep(0.01)
        assert await _count(world.db, "joins", world.expired.id) == 0
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


@pytest.mark.parametrize("days", [None, 0, 366, -5])
def test_retention_is_one_to_365_days(days: int | None) -> None:
    with pytest.raises(RetentionDaysError):
        check_days(days)
    assert check_days(1) == 1 and check_days(365) == 365
