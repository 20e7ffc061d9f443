"""Skips are stored as a reason code and its parameters, and survive a restart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eventlens.core.reasons import Code, Reason
from eventlens.storage.db import Database
from eventlens.storage.events import EventStore
from eventlens.storage.jobs import JobQueue, Skip


async def test_a_skip_reads_back_with_its_code_and_parameters_after_a_restart(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    db = await Database.open(path)
    event = await EventStore(db).create("gala", "Gala", "buffalo_s")
    stored = [
        Skip("copy.jpg", Reason(Code.DUPLICATE, {"source": "party.zip:a.jpg"})),
        Skip(
            "huge.png", Reason(Code.IMAGE_TOO_LARGE, {"width": 20000, "height": 9000, "limit": 120})
        ),
        Skip("cut.jpg", Reason(Code.JPEG_TRUNCATED)),
    ]
    for skip in stored:
        await JobQueue(db).record_skip(event.id, "b1", skip)
    await db.close()

    reopened = await Database.open(path)
    try:
        assert await JobQueue(reopened).skips("b1") == stored
    finally:
        await reopened.close()


async def test_sentences_stored_before_codes_stay_readable(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    db = await Database.open(path)
    event = await EventStore(db).create("gala", "Gala", "buffalo_s")
    await db.close()
    _back_to_sentences(path, event.id)

    migrated = await Database.open(path)
    try:
        assert await JobQueue(migrated).skips("b1") == [
            Skip("notes.jpg", Reason(Code.LEGACY, {"text": "encrypted entry"}))
        ]
    finally:
        await migrated.close()


def _back_to_sentences(path: Path, event_id: str) -> None:
    """The skip table as schema version 4 had it, with one row in it."""
    with sqlite3.connect(path) as connection:
        connection.executescript(
            "DROP TABLE skipped;"
            "CREATE TABLE skipped (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL,"
            " batch_id TEXT NOT NULL, source TEXT NOT NULL, reason TEXT NOT NULL,"
            " created_at REAL NOT NULL);"
            "ALTER TABLE upload_archives DROP COLUMN attempts;"
            "DROP INDEX events_closed_at;"
            "DROP INDEX share_links_expiry;"
            "ALTER TABLE events DROP COLUMN closed_at;"
            "ALTER TABLE events DROP COLUMN guest_data_days;"
            "ALTER TABLE events DROP COLUMN invite_expires_at;"
            "ALTER TABLE event_members DROP COLUMN name;"
            "ALTER TABLE event_members DROP COLUMN removed_at;"
            "DROP TABLE search_audit;"
            "DROP TABLE camera_logins;"
            "DROP TABLE photo_raws;"
            "DROP TABLE confirmations;"
            "DROP TABLE hidden_photos;"
            "DROP TABLE guest_hiding;"
            "DROP TABLE people_links;"
            "DROP TABLE event_views;"
            "ALTER TABLE people DROP COLUMN name;"
            "ALTER TABLE jobs DROP COLUMN claimed_by;"
            "ALTER TABLE faces DROP COLUMN outfit;"
            "DROP TABLE culled_photos;"
            "DROP TABLE face_culling;"
            "DROP TABLE photo_culling;"
            "DROP TABLE sale_deliveries;"
            "DROP TABLE sale_payments;"
            "DROP TABLE sale_order_photos;"
            "DROP TABLE sale_orders;"
            "DROP TABLE event_prices;"
            "DROP TABLE watermarks;"
            "ALTER TABLE guest_files DROP COLUMN watermark;"
            "PRAGMA user_version=4;"
        )
        connection.execute(
            "INSERT INTO skipped (event_id, batch_id, source, reason, created_at) "
            "VALUES (?, 'b1', 'notes.jpg', 'encrypted entry', 0)",
            (event_id,),
        )
