"""What a share link opens: the photos of one guest's album, by position, and nothing else.

Every request re-checks the token (signature, then expiry and revocation in
SQLite), so a revoked link stops working at once, previews and ZIP included.
Photos are addressed by their position in the album, never by id. Originals go
out without GPS and without the watermark; previews carry the event's watermark
(`core.guests.previews`) and no metadata at all, and are also kept in memory by
event, watermark version, content hash and size within a budget; an original that
had to be re-encoded (PNG, HEIC) is kept beside it, so it is encoded once, not on
every request.

A gallery link can be posted anywhere, so every client has a request budget and
the image work runs on two threads of its own behind a bounded queue: a flood gets
429s instead of taking the threads that indexing and searches use.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from eventlens.core.errors import GalleryBusyError, ImageError, ShareLinkNotFoundError
from eventlens.core.guests.previews import GuestPreviews
from eventlens.core.guests.share_links import ShareLinks
from eventlens.core.limits import SlidingWindow
from eventlens.core.media.exif import ShareableImage, shareable
from eventlens.core.media.previews import GRID_LONG_SIDE
from eventlens.core.records import Photo
from eventlens.storage.blobs import BlobStore
from eventlens.storage.event_numbers import EventNumbers
from eventlens.storage.events import EventStore
from eventlens.storage.photos import PhotoStore

logger = logging.getLogger(__name__)

PREVIEW_CACHE_BYTES = 64 * 1024 * 1024
REQUESTS_PER_MINUTE = 120  # per client address: a grid of 100 previews and a ZIP fit
MAX_QUEUED = 16  # image jobs waiting for the gallery's threads before new ones are refused
SHARED_KIND = "shared.jpg"  # a re-encoded original, kept beside the blob

T = TypeVar("T")


@dataclass(frozen=True)
class SharedAlbum:
    slug: str
    event_name: str
    photos: list[Photo]
    event_id: str

    def photo(self, number: int) -> Photo:
        """Photo `number` (1-based) of the album."""
        if not 1 <= number <= len(self.photos):
            raise ShareLinkNotFoundError()
        return self.photos[number - 1]


@dataclass(frozen=True)
class SharedFile:
    name: str  # `<slug>-<number>.<ext>`
    image: ShareableImage


class _PreviewCache:
    """Grid previews by content hash, bounded by total size, oldest out first."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._used = 0
        self._items: OrderedDict[str, bytes] = OrderedDict()

    def get(self, key: str) -> bytes | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: str, value: bytes) -> None:
        if key in self._items:
            return
        self._items[key] = value
        self._used += len(value)
        while self._used > self._budget and self._items:
            _, dropped = self._items.popitem(last=False)
            self._used -= len(dropped)


def _key(photo: Photo, watermark: int, long_side: int) -> str:
    return f"{photo.event_id}:{watermark}:{photo.sha256}:{long_side}"


class SharedAlbums:
    def __init__(
        self,
        links: ShareLinks,
        events: EventStore,
        photos: PhotoStore,
        blobs: BlobStore,
        views: EventNumbers,
        previews: GuestPreviews,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._views = views
        self._watermarked = previews
        self._links = links
        self._events = events
        self._photos = photos
        self._blobs = blobs
        self._clock = clock
        self._previews = _PreviewCache(PREVIEW_CACHE_BYTES)
        self._clients = SlidingWindow(REQUESTS_PER_MINUTE, 60.0)
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="gallery")
        self._queued = 0

    def admit(self, client: str) -> None:
        """Count a request of `client`; GalleryBusyError once it is over its budget."""
        wait = self._clients.hit(client)
        if wait is not None:
            raise GalleryBusyError(wait)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    async def open(self, token: str) -> SharedAlbum:
        """The album behind a live token; ShareLinkNotFound/GoneError otherwise."""
        opened = await self._links.open(token, self._clock())
        event = await self._events.by_id(opened.record.event_id)
        if event is None:
            raise ShareLinkNotFoundError()
        found = await self._photos.many(opened.photo_ids)
        photos = [found[photo_id] for photo_id in opened.photo_ids if photo_id in found]
        return SharedAlbum(event.slug, event.name, photos, event.id)

    async def visit(self, token: str) -> SharedAlbum:
        """The album for its gallery page, counted as one view for the dashboard."""
        album = await self.open(token)
        await self._views.count_view(album.event_id)
        return album

    async def preview(self, token: str, number: int) -> bytes:
        """A grid-sized JPEG of photo `number`, without metadata."""
        return await self.preview_of((await self.open(token)).photo(number))

    async def preview_of(self, photo: Photo, long_side: int = GRID_LONG_SIDE) -> bytes:
        """A watermarked JPEG of `photo` at most `long_side` pixels long, without metadata."""
        version = await self._watermarked.version(photo.event_id)
        body = self._previews.get(_key(photo, version, long_side))
        if body is None:
            made = await self._watermarked.preview(photo, long_side, self._work)
            body = made.data
            self._previews.put(_key(photo, made.watermark, long_side), body)
        return body

    async def original(self, token: str, number: int) -> SharedFile:
        """Photo `number` as taken, minus its GPS position."""
        album = await self.open(token)
        image = await self.shareable(album.photo(number))
        return SharedFile(f"{album.slug}-{number:03d}.{image.extension}", image)

    async def files(self, album: SharedAlbum) -> AsyncIterator[SharedFile]:
        """Every original of an opened album, in order; unreadable ones are left out."""
        for number, photo in enumerate(album.photos, start=1):
            try:
                image = await self.shareable(photo)
            except (OSError, ImageError):
                logger.warning("photo %s left out of a ZIP: unreadable", photo.id)
                continue
            yield SharedFile(f"{album.slug}-{number:03d}.{image.extension}", image)

    async def shareable(self, photo: Photo) -> ShareableImage:
        """`photo` as taken, minus its GPS position (re-encoded ones kept beside the blob)."""
        return await self._work(lambda: self._shareable_now(photo.sha256))

    def _shareable_now(self, sha256: str) -> ShareableImage:
        kept = self._blobs.derived(sha256, SHARED_KIND)
        if kept.is_file():
            return ShareableImage(kept.read_bytes(), "image/jpeg", "jpg", reencoded=True)
        image = shareable(self._blobs.get(sha256))
        if image.reencoded:
            self._blobs.put_derived(sha256, SHARED_KIND, image.data)
        return image

    async def _work(self, work: Callable[[], T]) -> T:
        """Image work on the gallery's own threads; refused when too much is waiting."""
        if self._queued >= MAX_QUEUED:
            raise GalleryBusyError(1.0)
        self._queued += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, work)
        finally:
            self._queued -= 1
