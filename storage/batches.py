"""Upload batches and the ZIP archives waiting in them.

A batch gathers what one chat uploads to one event until everything in it is
indexed; its progress message id is kept here so a restarted bot edits the same
message. An archive's `entries_done` advances in the same transaction as the
skips of the entries it covers, so a resumed unpack neither loses nor repeats one.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from eventlens.storage.db import Database, Row
from eventlens.storage.jobs import SKIP_COLUMNS, Skip, read_skip, skip_row


@dataclass(frozen=True)
class Batch:
    id: str
    event_id: str
    user_id: int
    chat_id: int
    reply_to: int | None
    message_id: int | None
    locale: str
    created_at: float


@dataclass(frozen=True)
class Archive:
    id: int
    batch_id: str
    event_id: str
    sha256: str
    name: str
    entries_done: int
    attempts: int = 0  # starts that did not end cleanly (see `start_archive`)


def _batch(row: Row) -> Batch:
    return Batch(
        id=row["id"],
        event_id=row["event_id"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        reply_to=row["reply_to"],
        message_id=row["message_id"],
        locale=row["locale"],
        created_at=row["created_at"],
    )


def _archive(row: Row) -> Archive:
    return Archive(
        id=row["id"],
        batch_id=row["batch_id"],
        event_id=row["event_id"],
        sha256=row["sha256"],
        name=row["name"],
        entries_done=row["entries_done"],
        attempts=row["attempts"],
    )


class BatchStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def open_for(
        self, event_id: str, user_id: int, chat_id: int, reply_to: int | None, locale: str
    ) -> tuple[Batch, bool]:
        """The chat's open batch for this event, or a new one (`created` True)."""
        async with self._db.transaction() as connection:
            async with connection.execute(
                "SELECT * FROM upload_batches WHERE status = 'open' AND chat_id = ? "
                "AND event_id = ? ORDER BY created_at DESC LIMIT 1",
                (chat_id, event_id),
            ) as cursor:
                row = await cursor.fetchone()
            if row is not None:
                return _batch(row), False
            batch = Batch(
                uuid.uuid4().hex, event_id, user_id, chat_id, reply_to, None, locale, time.time()
            )
            await connection.execute(
                "INSERT INTO upload_batches (id, event_id, user_id, chat_id, reply_to, locale, "
                "created_at) VALUES (?,?,?,?,?,?,?)",
                (batch.id, event_id, user_id, chat_id, reply_to, locale, batch.created_at),
            )
        return batch, True

    async def get(self, batch_id: str) -> Batch | None:
        row = await self._db.fetch_one("SELECT * FROM upload_batches WHERE id = ?", (batch_id,))
        return _batch(row) if row else None

    async def open_batches(self) -> list[Batch]:
        rows = await self._db.fetch_all(
            "SELECT * FROM upload_batches WHERE status = 'open' ORDER BY created_at"
        )
        return [_batch(row) for row in rows]

    async def set_message(self, batch_id: str, message_id: int) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE upload_batches SET message_id = ? WHERE id = ?", (message_id, batch_id)
            )

    async def finish(self, batch_id: str, jobs: int, skipped: int) -> bool:
        """Close the batch as summed up (`jobs` jobs, `skipped` skips); False, and
        still open, when more arrived in the meantime."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE upload_batches SET status = 'done', finished_at = ? "
                "WHERE id = ? AND status = 'open' "
                "AND (SELECT COUNT(*) FROM jobs WHERE batch_id = ?) = ? "
                "AND (SELECT COUNT(*) FROM skipped WHERE batch_id = ?) = ? "
                "AND NOT EXISTS (SELECT 1 FROM upload_archives "
                "WHERE batch_id = ? AND status = 'pending')",
                (time.time(), batch_id, batch_id, jobs, batch_id, skipped, batch_id),
            )
            return cursor.rowcount == 1

    async def skips(self, batch_id: str) -> list[Skip]:
        rows = await self._db.fetch_all(
            f"SELECT {SKIP_COLUMNS} FROM skipped WHERE batch_id = ? ORDER BY id", (batch_id,)
        )
        return [read_skip(row) for row in rows]

    async def skip_count(self, batch_id: str) -> int:
        row = await self._db.fetch_one(
            "SELECT COUNT(*) FROM skipped WHERE batch_id = ?", (batch_id,)
        )
        return int(row[0]) if row else 0

    async def batch_of_photo(self, photo_id: str) -> str | None:
        row = await self._db.fetch_one("SELECT batch_id FROM jobs WHERE photo_id = ?", (photo_id,))
        return str(row["batch_id"]) if row else None

    async def add_archive(self, batch_id: str, event_id: str, sha256: str, name: str) -> Archive:
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "INSERT INTO upload_archives (batch_id, event_id, sha256, name, created_at) "
                "VALUES (?,?,?,?,?) RETURNING id",
                (batch_id, event_id, sha256, name, time.time()),
            )
            row = await cursor.fetchone()
        assert row is not None
        return Archive(int(row[0]), batch_id, event_id, sha256, name, 0)

    async def pending_archives(
        self, batch_id: str | None = None, event_id: str | None = None
    ) -> list[Archive]:
        clauses, params = ["status = 'pending'"], []
        if batch_id is not None:
            clauses.append("batch_id = ?")
            params.append(batch_id)
        if event_id is not None:
            clauses.append("event_id = ?")
            params.append(event_id)
        rows = await self._db.fetch_all(
            f"SELECT * FROM upload_archives WHERE {' AND '.join(clauses)} ORDER BY id", params
        )
        return [_archive(row) for row in rows]

    async def advance_archive(
        self, archive: Archive, entries_done: int, skips: Sequence[Skip], finished: bool = False
    ) -> None:
        """Record how far the unpack got and the skips on the way, atomically."""
        now = time.time()
        async with self._db.transaction() as connection:
            await connection.executemany(
                f"INSERT INTO skipped (event_id, batch_id, {SKIP_COLUMNS}, created_at) "
                "VALUES (?,?,?,?,?,?)",
                [(archive.event_id, archive.batch_id, *skip_row(s), now) for s in skips],
            )
            await connection.execute(
                "UPDATE upload_archives SET entries_done = ?, status = ? WHERE id = ?",
                (entries_done, "done" if finished else "pending", archive.id),
            )

    async def start_archive(self, archive: Archive) -> int:
        """Count a start of unpacking; returns how many starts did not end cleanly, this one too."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE upload_archives SET attempts = attempts + 1 WHERE id = ?", (archive.id,)
            )
        return archive.attempts + 1

    async def clear_attempts(self, archive: Archive) -> None:
        """A clean stop or a set-aside entry: the next start begins counting afresh."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE upload_archives SET attempts = 0 WHERE id = ?", (archive.id,)
            )
