"""Albums into a chat: media groups of previews, then a message with the photo buttons.

Previews are chat-sized JPEGs without metadata; originals go as documents with
the GPS position removed. Each is uploaded to Telegram once: the file id that
comes back is kept per photo and used for every later send.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from aiogram import Bot
from aiogram.types import BufferedInputFile, InputMediaPhoto, Message

from eventlens.core.media.exif import shareable
from eventlens.core.media.previews import CHAT_LONG_SIDE, preview_jpeg
from eventlens.services import Services
from eventlens.storage.guest_files import GuestFileStore
from eventlens.storage.photos import Photo


class AlbumSender:
    def __init__(self, services: Services, files: GuestFileStore) -> None:
        self._services = services
        self._files = files

    async def send_previews(
        self, bot: Bot, chat_id: int, photo_ids: Sequence[str], first_number: int
    ) -> list[int]:
        """One media group (1-10 photos) captioned with their numbers; message ids back."""
        photos = await self._services.photos.many(photo_ids)
        present = [photos[photo_id] for photo_id in photo_ids if photo_id in photos]
        if not present:
            return []
        cached = await self._files.file_ids([photo.id for photo in present], "preview")
        media = []
        for number, photo in enumerate(present, start=first_number):
            source = cached.get(photo.id) or BufferedInputFile(
                await asyncio.to_thread(self._preview, photo), filename=f"{number}.jpg"
            )
            media.append(InputMediaPhoto(media=source, caption=str(number)))
        if len(media) == 1:
            single = await bot.send_photo(chat_id, media[0].media, caption=media[0].caption)
            sent: list[Message] = [single]
        else:
            sent = await bot.send_media_group(chat_id, media)  # type: ignore[arg-type]
        for photo, message in zip(present, sent, strict=True):
            if photo.id not in cached and message.photo:
                await self._files.remember(photo.id, "preview", message.photo[-1].file_id)
        return [message.message_id for message in sent]

    async def send_original(self, bot: Bot, chat_id: int, photo: Photo, name: str) -> None:
        cached = (await self._files.file_ids([photo.id], "original")).get(photo.id)
        if cached is not None:
            await bot.send_document(chat_id, cached)
            return
        image = await asyncio.to_thread(lambda: shareable(self._services.blobs.get(photo.sha256)))
        sent = await bot.send_document(
            chat_id, BufferedInputFile(image.data, filename=f"{name}.{image.extension}")
        )
        if sent.document is not None:
            await self._files.remember(photo.id, "original", sent.document.file_id)

    def _preview(self, photo: Photo) -> bytes:
        return preview_jpeg(self._services.blobs.get(photo.sha256), CHAT_LONG_SIDE)
