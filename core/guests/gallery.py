"""What a share link opens: the photos of one guest's album, by position, and nothing else.

Every request re-checks the token (signature, then expiry and revocation in
SQLite), so a revoked link stops working at once, previews and ZIP included.
Photos are addressed by their position in the album, never by id. Originals go
out without GPS; grid previews carry no metadata at all and are cached by content
hash within a memory budget.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from eventlens.core.errors import ImageError, ShareLinkNotFoundError
from eventlens.core.guests.share_links import ShareLinks
from eventlens.core.media.exif import ShareableImage, shareable
from eventlens.core.media.previews import GRID_LONG_SIDE, preview_jpeg
from eventlens.core.records import Photo
from eventlens.storage.blobs import BlobStore
from eventlens.storage.events import EventStore
from eventlens.storage.photos import PhotoStore

logger = logging.getLogger(__name__)

PREVIEW_CACHE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class SharedAlbum:
    slug: str
    event_name: str
    photos: list[Photo]

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


class SharedAlbums:
    def __init__(
        self,
        links: ShareLinks,
        events: EventStore,
        photos: PhotoStore,
        blobs: BlobStore,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._links = links
        self._events = events
        self._photos = photos
        self._blobs = blobs
        self._clock = clock
        self._previews = _PreviewCache(PREVIEW_CACHE_BYTES)

    async def open(self, token: str) -> SharedAlbum:
        """The album behind a live token; ShareLinkNotFound/GoneError otherwise."""
        opened = await self._links.open(token, self._clock())
        event = await self._events.by_id(opened.record.event_id)
        if event is None:
            raise ShareLinkNotFoundError()
        found = await self._photos.many(opened.photo_ids)
        photos = [found[photo_id] for photo_id in opened.photo_ids if photo_id in found]
        return SharedAlbum(event.slug, event.name, photos)

    async def preview(self, token: str, number: int) -> bytes:
        """A grid-sized JPEG of photo `number`, without metadata."""
        photo = (await self.open(token)).photo(number)
        body = self._previews.get(photo.sha256)
        if body is None:
            body = await asyncio.to_thread(
                lambda: preview_jpeg(self._blobs.get(photo.sha256), GRID_LONG_SIDE)
            )
            self._previews.put(photo.sha256, body)
        return body

    async def original(self, token: str, number: int) -> SharedFile:
        """Photo `number` as taken, minus its GPS position."""
        album = await self.open(token)
        image = await self._shareable(album.photo(number))
        return SharedFile(f"{album.slug}-{number:03d}.{image.extension}", image)

    async def files(self, album: SharedAlbum) -> AsyncIterator[SharedFile]:
        """Every original of an opened album, in order; unreadable ones are left out."""
        for number, photo in enumerate(album.photos, start=1):
            try:
                image = await self._shareable(photo)
            except (OSError, ImageError):
                logger.warning("photo %s left out of a ZIP: unreadable", photo.id)
                continue
            yield SharedFile(f"{album.slug}-{number:03d}.{image.extension}", image)

    async def _shareable(self, photo: Photo) -> ShareableImage:
        return await asyncio.to_thread(lambda: shareable(self._blobs.get(photo.sha256)))
