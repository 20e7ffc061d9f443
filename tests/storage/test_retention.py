"""Retention columns: the migration, closing and reopening, the owner's setting."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from eventlens.storage.db import Database, migrations, statements
from eventlens.storage.events import GUEST_DATA_DAYS, EventStore

RETENTION_VERSION = 7


def _database_before_retention(path: Path) -> None:
    """A database as the release before retention left it, with one closed event."""
    connection = sqlite3.connect(path)
    for version, script in migrations():
        if version >= RETENTION_VERSION:
            break
        for statement in statements(script):
            connection.execute(statement)
    for slug, closed in (("shut", 1), ("live", 0)):
        connection.execute(
            "INSERT INTO events (id, slug, name, guest_token, invite_token, closed, model_pack, "
            "created_at) VALUES (?,?,?,?,?,?,?,?)",
            (slug, slug, slug, f"g-{slug}", f"i-{slug}", closed, "buffalo_s", 0.0),
        )
    connection.execute(f"PRAGMA user_version={RETENTION_VERSION - 1}")
    connection.commit()
    connection.close()


async def test_the_migration_gives_closed_events_their_full_period(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _database_before_retention(path)
    before = time.time()

    database = await Database.open(path)
    events = EventStore(database)
    shut, live = await events.by_id("shut"), await events.by_id("live")
    version = await database.fetch_one("PRAGMA user_version")
    await database.close()

    assert version is not None and version[0] >= RETENTION_VERSION
    assert shut is not None and live is not None
    assert shut.closed_at is not None and shut.closed_at >= before - 1.0
    assert live.closed_at is None
    assert shut.guest_data_days == live.guest_data_days == GUEST_DATA_DAYS == 30


async def test_close_sets_the_time_once_and_reopen_clears_it(db: Database) -> None:
    events = EventStore(db)
    event = await events.create("gala", "Gala", "buffalo_s", owner_id=1)
    assert event.closed_at is None and event.guest_data_days == GUEST_DATA_DAYS

    await events.set_closed(event.id, True)
    first = await events.by_id(event.id)
    await events.set_closed(event.id, True)  # a second /close keeps the first time
    second = await events.by_id(event.id)
    assert first is not None and first.closed_at is not None
    assert second is not None and second.closed_at == first.closed_at
    assert [item.id for item in await events.closed_events()] == [event.id]

    await events.set_closed(event.id, False)
    await events.set_guest_data_days(event.id, 7)
    reopened = await events.by_id(event.id)
    assert reopened is not None and reopened.closed_at is None and not reopened.closed
    assert reopened.guest_data_days == 7
