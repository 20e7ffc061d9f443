from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventlens.storage.db import Database


async def test_migrations_create_the_schema_once(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    database = await Database.open(path)
    version = await database.fetch_one("PRAGMA user_version")
    tables = {row[0] for row in await database.fetch_all("SELECT name FROM sqlite_master")}
    await database.close()
    assert version is not None and version[0] >= 1
    assert {"events", "photos", "faces", "jobs", "skipped"} <= tables

    reopened = await Database.open(path)  # a second open applies nothing twice
    again = await reopened.fetch_one("PRAGMA user_version")
    await reopened.close()
    assert again is not None and again[0] == version[0]


async def test_wal_and_foreign_keys_are_on(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "db.sqlite3")
    mode = await database.fetch_one("PRAGMA journal_mode")
    keys = await database.fetch_one("PRAGMA foreign_keys")
    await database.close()
    assert mode is not None and mode[0] == "wal"
    assert keys is not None and keys[0] == 1


async def test_a_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "db.sqlite3")
    with pytest.raises(sqlite3.IntegrityError):
        async with database.transaction() as connection:
            await connection.execute(
                "INSERT INTO events (id, slug, name, guest_token, invite_token, model_pack, "
                "created_at) VALUES ('e', 's', 'n', 'g', 'i', 'p', 0)"
            )
            await connection.execute(
                "INSERT INTO events (id, slug, name, guest_token, invite_token, model_pack, "
                "created_at) VALUES ('e', 's', 'n', 'g', 'i', 'p', 0)"
            )
    count = await database.fetch_one("SELECT COUNT(*) FROM events")
    await database.close()
    assert count is not None and count[0] == 0


async def test_deleted_rows_are_overwritten_and_the_wal_can_be_folded(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "db.sqlite3")
    secure = await database.fetch_one("PRAGMA secure_delete")
    async with database.transaction() as connection:
        await connection.execute(
            "INSERT INTO events (id, slug, name, guest_token, invite_token, model_pack, "
            "created_at) VALUES ('e', 'secret-party', 'n', 'g', 'i', 'p', 0)"
        )
    async with database.transaction() as connection:
        await connection.execute("DELETE FROM events")

    await database.checkpoint()

    await database.close()
    assert secure is not None and secure[0] == 1
    wal = tmp_path / "db.sqlite3-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    assert b"secret-party" not in (tmp_path / "db.sqlite3").read_bytes()
