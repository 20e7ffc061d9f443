"""The guest lane: selfie inference on threads of its own, with indexing stepping aside.

A guest waits for their album; bulk indexing does not. So guest selfies run on a
small executor of their own (one worker per core by default) through a face
engine whose sessions use exactly one intra-op thread each: N guests at once use
N cores side by side instead of each taking every core and queueing on the
others. While any guest inference is in flight, the indexer waits before its
next photo (`step_aside`, bounded so a steady crowd cannot stop indexing).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

GUEST_INTRA_OP_THREADS = 1  # one core per guest inference: guests never share one run
MAX_STEP_ASIDE_SECONDS = 2.0  # the longest indexing waits per photo under a crowd


class GuestLane:
    def __init__(self, workers: int) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="guest-infer")
        self._in_flight = 0
        self._idle = threading.Condition()

    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    async def run(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a guest's inference on the lane; indexing holds back until it is done."""
        with self._idle:
            self._in_flight += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._pool, lambda: work(*args, **kwargs))
        finally:
            with self._idle:
                self._in_flight -= 1
                if not self._in_flight:
                    self._idle.notify_all()

    def step_aside(self, timeout: float = MAX_STEP_ASIDE_SECONDS) -> None:
        """Block (on an indexing thread) until no guest inference runs, or `timeout`."""
        with self._idle:
            self._idle.wait_for(lambda: not self._in_flight, timeout)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
