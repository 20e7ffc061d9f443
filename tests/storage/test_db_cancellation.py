"""A writer cancelled mid-transaction leaves the connection usable and nothing half-written."""

from __future__ import annotations

import asyncio

from eventlens.storage.db import Database


async def test_cancelled_writers_roll_back_and_the_next_write_works(db: Database) -> None:
    async def writer(index: int) -> None:
        async with db.transaction() as connection:
            await connection.execute(
                "INSERT INTO events (id, slug, name, guest_token, invite_token, model_pack, "
                "created_at) VALUES (?, ?, 'n', ?, ?, 'p', 0)",
                (f"e{index}", f"s{index}", f"g{index}", f"i{index}"),
            )
            await asyncio.sleep(10)

    for index, delay in enumerate((0, 0.0001, 0.001, 0.01)):  # cancel while BEGIN is queued
        task = asyncio.create_task(writer(index))
        await asyncio.sleep(delay)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        async with db.transaction() as connection:
            await connection.execute("CREATE TABLE IF NOT EXISTS probe (x INTEGER)")
            await connection.execute("INSERT INTO probe VALUES (1)")
    probes = await db.fetch_one("SELECT COUNT(*) FROM probe")
    events = await db.fetch_one("SELECT COUNT(*) FROM events")
    assert probes is not None and probes[0] == 4
    assert events is not None and events[0] == 0
