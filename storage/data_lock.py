"""One process at a time writes a data directory.

Embedded Chroma corrupts its files when two processes write one directory, and a
second process would also requeue the first one's running jobs. The first process
to open the directory holds an exclusive `flock` on `eventlens.lock` until it closes;
another process is refused at once, with the holder's pid. Opening the same
directory again inside one process shares the lock (tests, a CLI command run
in-process).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import IO, ClassVar

LOCK_NAME = "eventlens.lock"


class DirectoryInUseError(RuntimeError):
    def __init__(self, home: Path, holder: str) -> None:
        super().__init__(f"{home} is in use by process {holder or '?'}")
        self.home = home
        self.holder = holder


class DataLock:
    _held: ClassVar[dict[Path, tuple[IO[str], int]]] = {}

    def __init__(self, home: Path) -> None:
        self._home = home.resolve()

    def acquire(self) -> None:
        """Hold the directory for this process, or raise `DirectoryInUseError`."""
        held = self._held.get(self._home)
        if held is not None:
            self._held[self._home] = (held[0], held[1] + 1)
            return
        self._home.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._home.chmod(0o700)  # faces and guests' data: for this user only
        stream = (self._home / LOCK_NAME).open("a+")
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
        self._held[self._home] = (stream, 1)

    def release(self) -> None:
        held = self._held.pop(self._home, None)
        if held is None:
            return
        stream, count = held
        if count > 1:
            self._held[self._home] = (stream, count - 1)
            return
        with contextlib.suppress(OSError):
            fcntl.flock(stream, fcntl.LOCK_UN)
        stream.close()
