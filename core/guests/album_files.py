"""Album photos as guests receive them in a chat, and the chat's file ids for them.

Previews are chat-sized JPEGs without metadata, carrying the event's watermark
(`core.guests.previews`); originals keep their bytes minus the GPS position and
never carry it. A front door that uploads a photo once keeps the id it got back
(per photo and kind) and sends by id from then on; the photographer's own
uploads are never reused for originals, since a document they sent still carries
its GPS position. A preview's id is only reused under the watermark it was
uploaded with.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from eventlens.core.guests.previews import GuestPreviews, Preview
from eventlens.core.media.exif import ShareableImage, shareable
from eventlens.core.media.previews import CHAT_LONG_SIDE
from eventlens.core.records import GuestFileKind, Photo
from eventlens.storage.blobs import BlobStore
from eventlens.storage.guest_files import GuestFileStore
from eventlens.storage.photos import PhotoStore


class AlbumFiles:
    def __init__(
        self, photos: PhotoStore, blobs: BlobStore, files: GuestFileStore, previews: GuestPreviews
    ) -> None:
        self._photos = photos
        self._blobs = blobs
        self._files = files
        self._previews = previews

    async def photos(self, photo_ids: Sequence[str]) -> list[Photo]:
        """The photos still in their event, in the order asked for."""
        found = await self._photos.many(photo_ids)
        return [found[photo_id] for photo_id in photo_ids if photo_id in found]

    async def preview(self, photo: Photo) -> Preview:
        return await self._previews.preview(photo, CHAT_LONG_SIDE)

    async def original(self, photo: Photo) -> ShareableImage:
        return await asyncio.to_thread(lambda: shareable(self._blobs.get(photo.sha256)))

    async def file_ids(self, photos: Sequence[Photo], kind: GuestFileKind) -> dict[str, str]:
        """Ids already uploaded; previews only those under their event's current watermark."""
        if kind == "original":
            return await self._files.file_ids([photo.id for photo in photos], kind)
        found: dict[str, str] = {}
        for event_id in {photo.event_id for photo in photos}:
            version = await self._previews.version(event_id)
            ids = [photo.id for photo in photos if photo.event_id == event_id]
            found.update(await self._files.file_ids(ids, kind, version))
        return found

    async def remember(
        self, photo_id: str, kind: GuestFileKind, file_id: str, watermark: int = 0
    ) -> None:
        await self._files.remember(photo_id, kind, file_id, watermark)
