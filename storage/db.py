"""The SQLite connection: WAL, foreign keys, versioned migrations, serialised writes.

One connection per process. aiosqlite runs it on its own thread; writers take an
asyncio lock so two coroutines never interleave inside one transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

Row = aiosqlite.Row


class Database:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Database:
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
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error or cancellation.

        A task cancelled while its BEGIN is queued still gets that BEGIN run by
        aiosqlite's thread; the ROLLBACK queued behind it undoes it, so a cancelled
        writer never leaves the shared connection inside a transaction.
        """
        async with self._write_lock:
            try:
                await self._connection.execute("BEGIN IMMEDIATE")
                yield self._connection
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
            return await cursor.fetchone()

    async def _migrate(self) -> None:
        row = await self.fetch_one("PRAGMA user_version")
        current = int(row[0]) if row else 0
        for version, script in _migrations():
            if version <= current:
                continue
            async with self.transaction() as connection:
                for statement in _statements(script):
                    await connection.execute(statement)
                await connection.execute(f"PRAGMA user_version={version:d}")


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("eventlens.storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text("utf-8")))
    return sorted(found)


def _statements(script: str) -> list[str]:
    lines = [line for line in script.splitlines() if not line.lstrip().startswith("--")]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]
