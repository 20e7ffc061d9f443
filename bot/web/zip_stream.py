"""A ZIP written straight to an HTTP response, one photo in memory at a time.

`zipfile` writes to any object with `write()`; given one that cannot seek, it
puts each entry's sizes in a data descriptor after the data, so nothing needs
to be rewritten and the archive can go out as it is made. Photos are stored,
not deflated: JPEGs do not compress.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class _Sink(io.RawIOBase):
    def __init__(self) -> None:
        self._pending = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        chunk = bytes(data)
        self._pending += chunk
        return len(chunk)

    def take(self) -> bytes:
        chunk = bytes(self._pending)
        self._pending.clear()
        return chunk


async def stream_zip(
    response: web.StreamResponse, entries: AsyncIterator[tuple[str, bytes]]
) -> None:
    """Write every `(name, data)` entry as it arrives, then the central directory."""
    sink = _Sink()
    stamp = time.localtime()[:6]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED) as archive:
        async for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, data)
            await response.write(sink.take())
    await response.write(sink.take())
    await response.write_eof()
