"""Which processes may open a data directory together.

Embedded Chroma corrupts its files when two processes write one directory: with it,
the first process to open the directory holds an exclusive `flock` on
`eventlens.lock` until it closes, and another process is refused at once, with the
holder's pid. With Chroma servers the bot, the CLI and a worker may share the
directory, but a second indexing worker would requeue the first one's running jobs
at its start: whatever runs the indexing loop also holds `worker.lock` (one worker
per data directory). Opening the same lock again inside one process shares it
(tests, a CLI command run in-process).

`opening` serialises the start-up of processes that share a directory (SQLite
migrations), waiting rather than refusing.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import IO, ClassVar

LOCK_NAME = "eventlens.lock"
WORKER_LOCK_NAME = "worker.lock"
OPENING_LOCK_NAME = "opening.lock"


class DirectoryInUseError(RuntimeError):
    def __init__(self, home: Path, holder: str) -> None:
        super().__init__(f"{home} is in use by process {holder or '?'}")
        self.home = home
        self.holder = holder


class DataLock:
    _held: ClassVar[dict[Path, tuple[IO[str], int]]] = {}

    def __init__(self, home: Path, name: str = LOCK_NAME) -> None:
        self._home = home.resolve()
        self._file = self._home / name

    def acquire(self) -> None:
        """Hold the directory for this process, or raise `DirectoryInUseError`."""
        held = self._held.get(self._file)
        if held is not None:
            self._held[self._file] = (held[0], held[1] + 1)
            return
        self._home.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._home.chmod(0o700)  # faces and guests' data: for this user only
        stream = self._file.open("a+")
        try:
            fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            stream.seek(0)
            holder = stream.read().strip()
            stream.close()
            raise DirectoryInUseError(self._home, holder) from None
        stream.seek(0)
        stream.truncate()
        stream.write(str(os.getpid()))
        stream.flush()
        self._held[self._file] = (stream, 1)

    def release(self) -> None:
        held = self._held.pop(self._file, None)
        if held is None:
            return
        stream, count = held
        if count > 1:
            self._held[self._file] = (stream, count - 1)
            return
        with contextlib.suppress(OSError):
            fcntl.flock(stream, fcntl.LOCK_UN)
        stream.close()


@contextlib.asynccontextmanager
async def opening(home: Path) -> AsyncIterator[None]:
    """Hold the directory's start-up lock, waiting (off the event loop) for another's start."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    with (home / OPENING_LOCK_NAME).open("a") as stream:
        await asyncio.to_thread(fcntl.flock, stream, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(stream, fcntl.LOCK_UN)
