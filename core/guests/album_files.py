"""Album photos as guests receive them in a chat, and the chat's file ids for them.

Previews are chat-sized JPEGs without metadata; originals keep their bytes minus
the GPS position. A front door that uploads a photo once keeps the id it got back
(per photo and kind) and sends by id from then on; the photographer's own
uploads are never reused for originals, since a document they sent still carries
its GPS position.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from eventlens.core.media.exif import ShareableImage, shareable
from eventlens.core.media.previews import CHAT_LONG_SIDE, preview_jpeg
from eventlens.core.records import GuestFileKind, Photo
from eventlens.storage.blobs import BlobStore
from eventlens.storage.guest_files import GuestFileStore
from eventlens.storage.photos import PhotoStore


class AlbumFiles:
    def __init__(self, photos: PhotoStore, blobs: BlobStore, files: GuestFileStore) -> None:
        self._photos = photos
        self._blobs = blobs
        self._files = files

    async def photos(self, photo_ids: Sequence[str]) -> list[Photo]:
        """The photos still in their event, in the order asked for."""
        found = await self._photos.many(photo_ids)
        return [found[photo_id] for photo_id in photo_ids if photo_id in found]

    async def preview(self, photo: Photo) -> bytes:
        return await asyncio.to_thread(
            lambda: preview_jpeg(self._blobs.get(photo.sha256), CHAT_LONG_SIDE)
        )

    async def original(self, photo: Photo) -> ShareableImage:
        return await asyncio.to_thread(lambda: shareable(self._blobs.get(photo.sha256)))

    async def file_ids(self, photo_ids: Sequence[str], kind: GuestFileKind) -> dict[str, str]:
        return await self._files.file_ids(photo_ids, kind)

    async def remember(self, photo_id: str, kind: GuestFileKind, file_id: str) -> None:
        await self._files.remember(photo_id, kind, file_id)
