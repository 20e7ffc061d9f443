"""Albums into a chat: media groups of previews, and originals as documents.

The bytes come from core (`AlbumFiles`: metadata-free previews, GPS-free
originals). Each photo is uploaded to Telegram once per kind: the file id that
comes back is kept and used for every later send.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiogram import Bot
from aiogram.types import BufferedInputFile, InputMediaPhoto, Message

from eventlens.core.guests.album_files import AlbumFiles
from eventlens.core.records import Photo


class AlbumSender:
    def __init__(self, files: AlbumFiles) -> None:
        self._files = files

    async def send_previews(
        self, bot: Bot, chat_id: int, photo_ids: Sequence[str], first_number: int
    ) -> list[int]:
        """One media group (1-10 photos) captioned with their numbers; message ids back."""
        present = await self._files.photos(photo_ids)
        if not present:
            return []
        cached = await self._files.file_ids([photo.id for photo in present], "preview")
        media = []
        for number, photo in enumerate(present, start=first_number):
            source = cached.get(photo.id) or BufferedInputFile(
                await self._files.preview(photo), filename=f"{number}.jpg"
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
        image = await self._files.original(photo)
        sent = await bot.send_document(
            chat_id, BufferedInputFile(image.data, filename=f"{name}.{image.extension}")
        )
        if sent.document is not None:
            await self._files.remember(photo.id, "original", sent.document.file_id)
