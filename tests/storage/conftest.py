"""The storage tests run on both engines: embedded SQLite and a throwaway PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from eventlens.settings import Settings
from eventlens.storage.db import Database
from tests.postgres_server import PostgresServer


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None for the SQLite file under the test's home, else a new PostgreSQL database."""
    if request.param == "sqlite":
        yield None
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.new_database()
    try:
        yield url
    finally:
        server.drop_database(url)


@pytest.fixture
def settings(tmp_path: Path, database_url: str | None) -> Settings:
    return Settings(
        home=tmp_path / "home", providers=("CPUExecutionProvider",), database_url=database_url
    )


@pytest.fixture
async def db(tmp_path: Path, database_url: str | None) -> AsyncIterator[Database]:
    database = await Database.connect(database_url, tmp_path / "db.sqlite3")
    try:
        yield database
    finally:
        await database.close()


# For tests of SQLite's own files (secure_delete, WAL, PRAGMA user_version).
sqlite_only = pytest.mark.parametrize("database_url", [None], ids=["sqlite"])
