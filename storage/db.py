"""The metadata database: embedded SQLite by default, PostgreSQL when a URL names one.

Both engines serve one set of queries. Storage modules write `?` placeholders and
portable SQL (`ON CONFLICT`, `RETURNING`, times passed from Python); the PostgreSQL
engine (storage/postgres.py) numbers the placeholders and translates the
migrations' column types. `transaction()` yields a `Connection` with the same
`execute` / `executemany` / cursor `fetchone` / `rowcount` on either engine.
Writers of one process take an asyncio lock on both engines, so two coroutines
never interleave inside one transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Coroutine, Generator, Iterable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

import aiosqlite


class Row(Protocol):
    """A result row, read by column name or by position (sqlite3.Row, asyncpg.Record)."""

    def __getitem__(self, key: Any, /) -> Any: ...

    def __len__(self) -> int: ...


class IntegrityError(sqlite3.IntegrityError):
    """A unique, foreign-key or check constraint refused a write, on either engine.

    It subclasses sqlite3's error so code written against SQLite still catches it.
    """


class Cursor:
    """What one statement returned: its rows (for SELECT or RETURNING) and rows touched."""

    def __init__(self, rows: Iterable[Row], rowcount: int) -> None:
        self._rows = list(rows)
        self.rowcount = rowcount

    async def fetchone(self) -> Row | None:
        return self._rows[0] if self._rows else None

    async def fetchall(self) -> list[Row]:
        return list(self._rows)


class Statement:
    """A running `execute`: awaited for its cursor, or used as `async with ... as cursor`."""

    def __init__(self, run: Coroutine[Any, Any, Cursor]) -> None:
        self._run = run

    def __await__(self) -> Generator[Any, None, Cursor]:
        return self._run.__await__()

    async def __aenter__(self) -> Cursor:
        return await self._run

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        return None


class Connection(ABC):
    """The connection inside one transaction, the same on both engines."""

    def execute(self, sql: str, params: Iterable[Any] = ()) -> Statement:
        return Statement(self.run(sql, tuple(params)))

    @abstractmethod
    async def run(self, sql: str, params: tuple[Any, ...]) -> Cursor:
        """Run one statement with `?` placeholders."""

    @abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per parameter row."""


class Database(ABC):
    """One process's access to the metadata, whichever engine holds it."""

    # Whether workers in other processes may claim jobs at the same time (PostgreSQL);
    # SQLite has one worker per data directory (the worker lock).
    shared_queue = False

    @classmethod
    async def open(cls, path: Path) -> Database:
        """The embedded SQLite file at `path`, migrated."""
        return await SqliteDatabase.open_file(path)

    @classmethod
    async def connect(cls, url: str | None, path: Path) -> Database:
        """PostgreSQL at `url` when one is given, else the SQLite file at `path`."""
        if url:
            from eventlens.storage.postgres import PostgresDatabase

            return await PostgresDatabase.open_url(url)
        return await cls.open(path)

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    def transaction(self) -> contextlib.AbstractAsyncContextManager[Connection]:
        """A write transaction, committed on exit, rolled back on any error or cancellation."""

    @abstractmethod
    async def checkpoint(self) -> None:
        """Make erased rows leave the engine's files as far as it allows (after /forget)."""

    @abstractmethod
    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[Row]: ...

    @abstractmethod
    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> Row | None: ...

    @abstractmethod
    def skip_locked(self, alias: str) -> str:
        """The clause that makes a SELECT lock its rows of `alias` and skip rows other
        transactions hold: several workers then never claim the same job. Empty on
        SQLite, whose one writer at a time needs none."""


class _SqliteConnection(Connection):
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def run(self, sql: str, params: tuple[Any, ...]) -> Cursor:
        try:
            async with self._connection.execute(sql, params) as cursor:
                rows = await cursor.fetchall()
                return Cursor(rows, cursor.rowcount)
        except sqlite3.IntegrityError as error:
            raise IntegrityError(*error.args) from error

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            await self._connection.executemany(sql, [tuple(row) for row in rows])
        except sqlite3.IntegrityError as error:
            raise IntegrityError(*error.args) from error


class SqliteDatabase(Database):
    """One connection per process, WAL, foreign keys, `PRAGMA user_version` migrations.

    aiosqlite runs the connection on its own thread; `BEGIN IMMEDIATE` makes each
    transaction the file's only writer.
    """

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection
        self._wrapped = _SqliteConnection(connection)
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open_file(cls, path: Path) -> SqliteDatabase:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(path, isolation_level=None)
        connection.row_factory = aiosqlite.Row
        await connection.execute("PRAGMA journal_mode=WAL")
        await connection.execute("PRAGMA synchronous=NORMAL")
        await connection.execute("PRAGMA foreign_keys=ON")
        await connection.execute("PRAGMA busy_timeout=10000")
        # Deleted rows are overwritten, so a forgotten guest is gone from the file too.
        await connection.execute("PRAGMA secure_delete=ON")
        database = cls(connection)
        await database._migrate()
        return database

    async def close(self) -> None:
        await self._connection.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error or cancellation.

        A task cancelled while its BEGIN is queued still gets that BEGIN run by
        aiosqlite's thread; the ROLLBACK queued behind it undoes it, so a cancelled
        writer never leaves the shared connection inside a transaction.
        """
        async with self._write_lock:
            try:
                await self._connection.execute("BEGIN IMMEDIATE")
                yield self._wrapped
            except BaseException:
                with contextlib.suppress(sqlite3.OperationalError):  # nothing had begun
                    await self._connection.execute("ROLLBACK")
                raise
            await self._connection.execute("COMMIT")

    async def checkpoint(self) -> None:
        """Fold the WAL into the main file and truncate it (after erasing data)."""
        async with self._write_lock:
            await self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def fetch_all(self, sql: str, params: Iterable[Any] = ()) -> list[Row]:
        async with self._connection.execute(sql, tuple(params)) as cursor:
            return list(await cursor.fetchall())

    async def fetch_one(self, sql: str, params: Iterable[Any] = ()) -> Row | None:
        async with self._connection.execute(sql, tuple(params)) as cursor:
            row: Row | None = await cursor.fetchone()
            return row

    def skip_locked(self, alias: str) -> str:
        return ""

    async def _migrate(self) -> None:
        row = await self.fetch_one("PRAGMA user_version")
        current = int(row[0]) if row else 0
        for version, script in migrations():
            if version <= current:
                continue
            async with self.transaction() as connection:
                for statement in statements(script):
                    await connection.execute(statement)
                await connection.execute(f"PRAGMA user_version={version:d}")


def migrations() -> list[tuple[int, str]]:
    """`(version, script)` of every migration file, in order; both engines apply these."""
    folder = resources.files("eventlens.storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text("utf-8")))
    return sorted(found)


def statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]
