"""A heartbeat on the event loop: the longest it went without a beat shows blocking work."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

BEAT_SECONDS = 0.005


@dataclass
class Beats:
    count: int = 0
    longest_gap: float = 0.0


@contextlib.asynccontextmanager
async def heartbeat() -> AsyncIterator[Beats]:
    """Beat every 5 ms while the block runs; `longest_gap` is the worst stall in seconds."""
    beats = Beats()

    async def beat() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(BEAT_SECONDS)
            now = time.perf_counter()
            beats.count += 1
            beats.longest_gap = max(beats.longest_gap, now - last)
            last = now

    task = asyncio.create_task(beat())
    await asyncio.sleep(0)
    try:
        yield beats
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
