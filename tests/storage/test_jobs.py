"""The indexing queue shared by several workers: every job claimed exactly once."""

from __future__ import annotations

import asyncio
from pathlib import Path

from eventlens.storage.db import Database
from eventlens.storage.events import EventStore
from eventlens.storage.jobs import LEASE_SECONDS, Job, JobQueue
from eventlens.storage.photos import PhotoStore

PHOTOS = 60


async def _claim_all(queue: JobQueue, pack: str) -> list[Job]:
    claimed: list[Job] = []
    while batch := await queue.claim(4, pack):
        claimed.extend(batch)
        await asyncio.sleep(0)
    return claimed


async def test_two_workers_never_claim_the_same_job(
    db: Database, database_url: str | None, tmp_path: Path
) -> None:
    event = await EventStore(db).create("run", "Run", "buffalo_s", owner_id=1)
    photos = PhotoStore(db)
    for n in range(PHOTOS):
        await photos.add(event.id, f"{n:064x}", f"{n}.jpg", 1, "batch")
    # A second worker is a second process: its own connection(s) to the same engine.
    other = await Database.connect(database_url, tmp_path / "db.sqlite3")
    try:
        first, second = await asyncio.gather(
            _claim_all(JobQueue(db), "buffalo_s"), _claim_all(JobQueue(other), "buffalo_s")
        )
    finally:
        await other.close()

    claimed = [job.photo_id for job in first + second]
    assert len(claimed) == PHOTOS and len(set(claimed)) == PHOTOS
    if database_url:  # PostgreSQL serves both at once; SQLite takes one writer at a time
        assert first and second
    assert await JobQueue(db).pending(event.id) == PHOTOS  # running, not done


async def test_a_released_job_is_claimed_again_with_its_attempt_counted(db: Database) -> None:
    event = await EventStore(db).create("run", "Run", "buffalo_s", owner_id=1)
    await PhotoStore(db).add(event.id, "ab" * 32, "a.jpg", 1, "batch")
    queue = JobQueue(db)
    [job] = await queue.claim(5, "buffalo_s")
    assert await queue.claim(5, "buffalo_s") == []
    await queue.release(job)
    [again] = await queue.claim(5, "buffalo_s")
    assert (again.photo_id, again.attempts) == (job.photo_id, 2)
    assert await queue.claim(5, "other_pack") == []


async def test_a_starting_worker_takes_back_only_what_no_live_worker_holds(
    db: Database, database_url: str | None
) -> None:
    event = await EventStore(db).create("run", "Run", "buffalo_s", owner_id=1)
    for n in range(4):
        await PhotoStore(db).add(event.id, f"{n:064x}", f"{n}.jpg", 1, "batch")
    busy, starting = JobQueue(db), JobQueue(db)
    held = await busy.claim(2, "buffalo_s")

    taken_back = await starting.requeue_running()

    if database_url is None:  # one worker per data directory: a running job is a dead one's
        assert taken_back == 2
        return
    assert taken_back == 0  # a live worker's claim stays with it
    async with db.transaction() as connection:  # ...until its lease runs out
        await connection.execute(
            "UPDATE jobs SET updated_at = updated_at - ? WHERE status = 'running'",
            (LEASE_SECONDS + 1,),
        )
    assert await starting.requeue_running() == len(held)
    assert len(await starting.claim(4, "buffalo_s")) == 4  # the dead claims and the rest
