from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from eventlens.storage.db import Database, IntegrityError, migrations
from eventlens.storage.guests import GuestStore
from tests.postgres_server import PostgresServer


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


async def test_a_failed_transaction_leaves_nothing_behind(db: Database) -> None:
    with pytest.raises(IntegrityError):
        async with db.transaction() as connection:
            await connection.execute(
                "INSERT INTO events (id, slug, name, guest_token, invite_token, model_pack, "
                "created_at) VALUES ('e', 's', 'n', 'g', 'i', 'p', 0)"
            )
            await connection.execute(
                "INSERT INTO events (id, slug, name, guest_token, invite_token, model_pack, "
                "created_at) VALUES ('e', 's', 'n', 'g', 'i', 'p', 0)"
            )
    count = await db.fetch_one("SELECT COUNT(*) FROM events")
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


async def test_postgres_applies_each_migration_once_with_wide_ids(
    postgres_server: PostgresServer,
) -> None:
    url = postgres_server.new_database()
    try:
        first, second = await asyncio.gather(  # two processes starting at once
            Database.connect(url, Path("unused")), Database.connect(url, Path("unused"))
        )
        await second.close()
        versions = await first.fetch_all("SELECT version FROM schema_version ORDER BY version")
        guests = GuestStore(first)
        await guests.set_language(7_000_000_000, "es")  # Telegram ids pass 2^31
        language = await guests.language(7_000_000_000)
        await first.close()
    finally:
        postgres_server.drop_database(url)
    assert [row[0] for row in versions] == [version for version, _ in migrations()]
    assert language == "es"
