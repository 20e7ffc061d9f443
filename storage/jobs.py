"""The persistent indexing queue: claim, requeue after a crash, report progress."""

from __future__ import annotations

import time
from dataclasses import dataclass

from eventlens.storage.db import Database


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
    source: str
    reason: str


MAX_ATTEMPTS = 3


class JobQueue:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def requeue_running(self) -> int:
        """Jobs left `running` by a killed process go back to `pending`."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE jobs SET status = 'pending', updated_at = ? WHERE status = 'running'",
                (time.time(),),
            )
            return cursor.rowcount

    async def claim(self, limit: int, model_pack: str, event_id: str | None = None) -> list[Job]:
        """Up to `limit` pending jobs of events built with `model_pack`, oldest first."""
        where = "j.status = 'pending' AND e.model_pack = ?" + (
            " AND j.event_id = ?" if event_id else ""
        )
        params: tuple[object, ...] = (model_pack, event_id) if event_id else (model_pack,)
        async with self._db.transaction() as connection:
            async with connection.execute(
                "SELECT j.id, j.photo_id, j.event_id, j.batch_id, j.attempts, p.sha256, p.source "
                "FROM jobs j JOIN photos p ON p.id = j.photo_id JOIN events e ON e.id = j.event_id "
                f"WHERE {where} "
                "ORDER BY j.id LIMIT ?",
                (*params, limit),
            ) as cursor:
                rows = list(await cursor.fetchall())
            jobs = [Job(row[0], row[1], row[2], row[3], row[4] + 1, row[5], row[6]) for row in rows]
            await connection.executemany(
                "UPDATE jobs SET status = 'running', attempts = ?, updated_at = ? WHERE id = ?",
                [(job.attempts, time.time(), job.id) for job in jobs],
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

    async def record_skip(self, event_id: str, batch_id: str, source: str, reason: str) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO skipped (event_id, batch_id, source, reason, created_at) "
                "VALUES (?,?,?,?,?)",
                (event_id, batch_id, source, reason, time.time()),
            )

    async def skips(self, batch_id: str) -> list[Skip]:
        rows = await self._db.fetch_all(
            "SELECT source, reason FROM skipped WHERE batch_id = ? ORDER BY id", (batch_id,)
        )
        return [Skip(row[0], row[1]) for row in rows]

    async def progress(self, batch_id: str) -> BatchProgress:
        row = await self._db.fetch_one(
            "SELECT COUNT(*), SUM(j.status = 'done'), COALESCE(SUM(p.face_count), 0) "
            "FROM jobs j JOIN photos p ON p.id = j.photo_id WHERE j.batch_id = ?",
            (batch_id,),
        )
        if row is None:
            return BatchProgress(0, 0, 0)
        return BatchProgress(int(row[0] or 0), int(row[1] or 0), int(row[2] or 0))
