"""The persistent indexing queue: claim, requeue after a crash, report progress."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass

from eventlens.core.reasons import Code, Reason
from eventlens.storage.db import Database, Row


@dataclass(frozen=True)
class Job:
    id: int
    photo_id: str
    event_id: str
    batch_id: str
    attempts: int
    sha256: str
    source: str


@dataclass(frozen=True)
class BatchProgress:
    total: int
    done: int
    faces: int


@dataclass(frozen=True)
class Skip:
    """A file that was not indexed, and why (stored as the code and its parameters)."""

    source: str
    reason: Reason


SKIP_COLUMNS = "source, code, params"


def skip_row(skip: Skip) -> tuple[str, str, str]:
    """`(source, code, params)` as `skipped` stores them."""
    return skip.source, skip.reason.code.value, json.dumps(dict(skip.reason.params))


def read_skip(row: Row) -> Skip:
    """A stored skip; a code this version does not know reads back as its own name."""
    source, code, params = str(row[0]), str(row[1]), str(row[2])
    try:
        return Skip(source, Reason(Code(code), json.loads(params)))
    except ValueError:
        return Skip(source, Reason(Code.LEGACY, {"text": code}))


MAX_ATTEMPTS = 3
# A claim on a shared queue outlives a worker killed mid-batch by this long; a live
# worker finishes a claimed batch in well under a minute.
LEASE_SECONDS = 900.0


class JobQueue:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._owner = uuid.uuid4().hex  # this process's claims

    async def requeue_running(self) -> int:
        """Jobs this process claimed, and jobs a killed process left `running`, to `pending`.

        On SQLite one worker owns the queue, so every other running job is a dead
        process's. On a shared queue other workers are alive: their claims are leases,
        taken back only once older than `LEASE_SECONDS`.
        """
        now = time.time()
        where = "status = 'running'"
        params: tuple[object, ...] = (now,)
        if self._db.shared_queue:
            where += " AND (claimed_by = ? OR claimed_by IS NULL OR updated_at < ?)"
            params = (now, self._owner, now - LEASE_SECONDS)
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                f"UPDATE jobs SET status = 'pending', claimed_by = NULL, updated_at = ? "
                f"WHERE {where}",
                params,
            )
            return cursor.rowcount

    async def claim(self, limit: int, model_pack: str, event_id: str | None = None) -> list[Job]:
        """Up to `limit` pending jobs of events built with `model_pack`, oldest first.

        On PostgreSQL the selected jobs are locked and jobs locked by another claimer
        are skipped, so workers on several machines never claim the same job.
        """
        where = "j.status = 'pending' AND e.model_pack = ?" + (
            " AND j.event_id = ?" if event_id else ""
        )
        params: tuple[object, ...] = (model_pack, event_id) if event_id else (model_pack,)
        async with self._db.transaction() as connection:
            async with connection.execute(
                "SELECT j.id, j.photo_id, j.event_id, j.batch_id, j.attempts, p.sha256, p.source "
                "FROM jobs j JOIN photos p ON p.id = j.photo_id JOIN events e ON e.id = j.event_id "
                f"WHERE {where} "
                f"ORDER BY j.id LIMIT ?{self._db.skip_locked('j')}",
                (*params, limit),
            ) as cursor:
                rows = list(await cursor.fetchall())
            jobs = [Job(row[0], row[1], row[2], row[3], row[4] + 1, row[5], row[6]) for row in rows]
            await connection.executemany(
                "UPDATE jobs SET status = 'running', attempts = ?, updated_at = ?, claimed_by = ? "
                "WHERE id = ?",
                [(job.attempts, time.time(), self._owner, job.id) for job in jobs],
            )
        return jobs

    async def release(self, job: Job) -> None:
        """Put a job that failed for a passing reason back in the queue."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE jobs SET status = 'pending', updated_at = ? WHERE id = ?",
                (time.time(), job.id),
            )

    async def pending(self, event_id: str | None = None) -> int:
        where = "status != 'done'" + (" AND event_id = ?" if event_id else "")
        row = await self._db.fetch_one(
            f"SELECT COUNT(*) FROM jobs WHERE {where}", (event_id,) if event_id else ()
        )
        return int(row[0]) if row else 0

    async def record_skip(self, event_id: str, batch_id: str, skip: Skip) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                f"INSERT INTO skipped (event_id, batch_id, {SKIP_COLUMNS}, created_at) "
                "VALUES (?,?,?,?,?,?)",
                (event_id, batch_id, *skip_row(skip), time.time()),
            )

    async def skips(self, batch_id: str) -> list[Skip]:
        rows = await self._db.fetch_all(
            f"SELECT {SKIP_COLUMNS} FROM skipped WHERE batch_id = ? ORDER BY id", (batch_id,)
        )
        return [read_skip(row) for row in rows]

    async def progress(self, batch_id: str) -> BatchProgress:
        row = await self._db.fetch_one(
            "SELECT COUNT(*), SUM(CASE WHEN j.status = 'done' THEN 1 ELSE 0 END), "
            "COALESCE(SUM(p.face_count), 0) "
            "FROM jobs j JOIN photos p ON p.id = j.photo_id WHERE j.batch_id = ?",
            (batch_id,),
        )
        if row is None:
            return BatchProgress(0, 0, 0)
        return BatchProgress(int(row[0] or 0), int(row[1] or 0), int(row[2] or 0))
