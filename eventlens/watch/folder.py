"""Files in a folder, each yielded once it has stopped changing.

Tethering software writes a frame over a second or more; reading it half-way would
refuse it as truncated. A file is yielded when its size and modification time have
stayed the same for `quiet_seconds` (and it is not empty). Files already there at
start are yielded too: the intake's content hashes make a restart cheap and exact.
Change events come from the OS through `watchfiles`; the stability check polls only
the files that changed.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from pathlib import Path

from watchfiles import Change, awatch

from eventlens.core.media.raw import RAW_EXTENSIONS

PHOTO_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".tif", ".tiff"} | RAW_EXTENSIONS
)


def wanted(path: Path) -> bool:
    """A photo by its name; hidden and temporary files (`.x.jpg`, `x.jpg.part`) are not."""
    return not path.name.startswith(".") and path.suffix.lower() in PHOTO_EXTENSIONS


class FolderWatch:
    def __init__(self, folder: Path, quiet_seconds: float = 1.0, poll_seconds: float = 0.25):
        self._folder = folder
        self._quiet = quiet_seconds
        self._poll = poll_seconds
        # path -> (size, mtime_ns, unchanged since): files seen changing, not yielded yet
        self._pending: dict[Path, tuple[int, int, float]] = {}

    def _note(self, path: Path) -> None:
        if wanted(path):
            self._pending[path] = (-1, -1, time.monotonic())

    async def _listen(self, stop: asyncio.Event) -> None:
        async for changes in awatch(self._folder, stop_event=stop, recursive=True):
            for change, name in changes:
                if change != Change.deleted:
                    self._note(Path(name))

    def _settled(self) -> list[Path]:
        now, ready = time.monotonic(), []
        for path, (size, mtime, since) in list(self._pending.items()):
            try:
                stat = path.stat()
            except OSError:  # gone, or a folder's entry that vanished
                del self._pending[path]
                continue
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                self._pending[path] = (stat.st_size, stat.st_mtime_ns, now)
            elif stat.st_size > 0 and now - since >= self._quiet:
                del self._pending[path]
                ready.append(path)
        return sorted(ready)

    async def files(self, stop: asyncio.Event) -> AsyncIterator[Path]:
        """Settled files until `stop` is set; those already present come first."""
        listener = asyncio.create_task(self._listen(stop))
        try:
            existing = await asyncio.to_thread(lambda: sorted(self._folder.rglob("*")))
            for path in existing:
                if path.is_file():
                    self._note(path)
            while not stop.is_set():
                for path in self._settled():
                    yield path
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self._poll)
        finally:
            listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)
