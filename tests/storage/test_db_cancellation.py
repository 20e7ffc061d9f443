"""A writer cancelled mid-transaction leaves the connection usable and nothing half-written."""

from __future__ import annotations

import asyncio
from pathlib import Path

from eventlens.storage.db import Database


async def test_cancelled_writers_roll_back_and_the_next_write_works(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "db.sqlite3")
    try:

        async def writer(index: int) -> None:
            async with db.transaction() as connection:
                await connection.execute(
                    "INSERT INTO skipped (event_id, batch_id, source, reason, created_at) "
                    "SELECT id, 'b', ?, 'r', 0 FROM events",
                    (str(index),),
                )
                await asyncio.sleep(10)

        for delay in (0, 0.0001, 0.001, 0.01):  # cancel while BEGIN is queued, and later
            task = asyncio.create_task(writer(0))
            await asyncio.sleep(delay)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
            async with db.transaction() as connection:
                await connection.execute("CREATE TABLE IF NOT EXISTS probe (x INTEGER)")
                await connection.execute("INSERT INTO probe VALUES (1)")
        row = await db.fetch_one("SELECT COUNT(*) FROM probe")
        assert row is not None and row[0] == 4
    finally:
        await db.close()
