"""Every preview a guest sees, with the event's watermark on it; originals never come here.

Albums and live pushes in the chat, the share-link gallery and the Mini App all ask
here. Without a watermark a preview is the plain metadata-free JPEG. With one it is
rendered once per photo, watermark version and size and kept on disk
(`storage.preview_cache`); the mark itself is drawn once per version and kept in
memory. The version comes back with the bytes, so a front door that keeps upload
ids (Telegram) files them under the watermark they carry.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from PIL import Image

from eventlens.core.media.previews import preview_jpeg
from eventlens.core.media.watermark import Watermark, mark_image, watermarked_jpeg
from eventlens.core.records import Photo
from eventlens.storage.blobs import BlobStore
from eventlens.storage.preview_cache import PreviewCache
from eventlens.storage.watermarks import WatermarkStore

Runner = Callable[[Callable[[], bytes]], Awaitable[bytes]]


@dataclass(frozen=True)
class Preview:
    data: bytes
    watermark: int  # the event's watermark version it was made under (0: never had one)


@dataclass(frozen=True)
class _Mark:
    version: int
    chosen: Watermark | None
    image: Image.Image | None


async def _in_thread(work: Callable[[], bytes]) -> bytes:
    return await asyncio.to_thread(work)


class GuestPreviews:
    def __init__(self, store: WatermarkStore, blobs: BlobStore, cache: PreviewCache) -> None:
        self._store = store
        self._blobs = blobs
        self._cache = cache
        self._marks: dict[str, _Mark] = {}  # by event id: the latest version seen

    async def version(self, event_id: str) -> int:
        return await self._store.version(event_id)

    async def preview(self, photo: Photo, long_side: int, run: Runner = _in_thread) -> Preview:
        """`photo` at most `long_side` pixels long, watermarked as its event says now."""
        mark = await self._mark(photo.event_id)
        chosen, image = mark.chosen, mark.image
        if chosen is None or image is None:
            return Preview(
                await run(lambda: preview_jpeg(self._blobs.get(photo.sha256), long_side)),
                mark.version,
            )
        cache, version = self._cache, mark.version

        def render() -> bytes:
            kept = cache.read(photo.event_id, photo.id, version, long_side)
            if kept is not None:
                return kept
            data = watermarked_jpeg(self._blobs.get(photo.sha256), long_side, image, chosen)
            cache.write(photo.event_id, photo.id, version, long_side, data)
            return data

        return Preview(await run(render), version)

    async def forget(self, event_id: str) -> None:
        """Drop the event's drawn mark and cached previews (its watermark changed or it went)."""
        self._marks.pop(event_id, None)
        await asyncio.to_thread(self._cache.drop_event, event_id)

    async def _mark(self, event_id: str) -> _Mark:
        version = await self._store.version(event_id)
        known = self._marks.get(event_id)
        if known is not None and known.version == version:
            return known
        saved = await self._store.get(event_id)
        chosen = saved.watermark
        image = await asyncio.to_thread(mark_image, chosen) if chosen is not None else None
        mark = _Mark(saved.version, chosen, image)
        self._marks[event_id] = mark
        return mark
