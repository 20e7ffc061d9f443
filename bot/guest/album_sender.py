"""Albums into a chat: media groups of previews, and originals as documents, paced.

The bytes come from core (`AlbumFiles`: metadata-free previews, GPS-free
originals). Each photo is uploaded to Telegram once per kind: the file id that
comes back is kept and used for every later send. Every message into a guest's
chat books its turn with the chat's pace (`core.guests.pacing`), a media group
once per photo; a 429 blocks the chat for its `retry_after`, then the message
goes again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from aiogram import Bot
from aiogram.exceptions import TelegramRetryAfter
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, InputMediaPhoto, Message

from eventlens.core.guests.album_files import AlbumFiles
from eventlens.core.guests.pacing import ChatPace
from eventlens.core.records import Photo

logger = logging.getLogger(__name__)

T = TypeVar("T")
RETRIES = 5  # 429s in a row before a message is given up


class AlbumSender:
    def __init__(
        self,
        files: AlbumFiles,
        pace: ChatPace | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._files = files
        self._pace = pace or ChatPace()
        self._clock = clock

    async def paced(self, chat_id: int, items: int, send: Callable[[], Awaitable[T]]) -> T:
        """`send()` once the chat's pace allows `items` more items; again after a 429."""
        for attempt in range(RETRIES + 1):
            wait = self._pace.reserve(chat_id, items, self._clock())
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await send()
            except TelegramRetryAfter as error:
                if attempt == RETRIES:
                    raise
                logger.info("chat %d: 429, waiting %d s", chat_id, error.retry_after)
                self._pace.refused(chat_id, error.retry_after, self._clock())
        raise AssertionError("unreachable")

    async def send_previews(
        self,
        bot: Bot,
        chat_id: int,
        photo_ids: Sequence[str],
        first_number: int,
    ) -> list[int]:
        """One media group (1-10 photos) captioned with their numbers; message ids back."""
        present = await self._files.photos(photo_ids)
        if not present:
            return []
        cached = await self._files.file_ids(present, "preview")
        media = []
        made: dict[str, int] = {}
        for number, photo in enumerate(present, start=first_number):
            source = cached.get(photo.id) or await self._upload(photo, f"{number}.jpg", made)
            media.append(InputMediaPhoto(media=source, caption=str(number)))
        if len(media) == 1:
            single = await self.paced(
                chat_id,
                1,
                lambda: bot.send_photo(chat_id, media[0].media, caption=media[0].caption),
            )
            sent: list[Message] = [single]
        else:
            sent = await self.paced(
                chat_id,
                len(media),
                lambda: bot.send_media_group(chat_id, media),  # type: ignore[arg-type]
            )
        await self._remember(present, sent, made)
        return [message.message_id for message in sent]

    async def send_marked(
        self, bot: Bot, chat_id: int, photo_id: str, caption: str, keyboard: InlineKeyboardMarkup
    ) -> int | None:
        """One photo on its own, with a caption and buttons (a possible match)."""
        present = await self._files.photos([photo_id])
        if not present:
            return None
        photo = present[0]
        cached = await self._files.file_ids([photo], "preview")
        made: dict[str, int] = {}
        source = cached.get(photo.id) or await self._upload(photo, "photo.jpg", made)
        sent = await self.paced(
            chat_id,
            1,
            lambda: bot.send_photo(chat_id, source, caption=caption, reply_markup=keyboard),
        )
        await self._remember(present, [sent], made)
        return sent.message_id

    async def send_original(self, bot: Bot, chat_id: int, photo: Photo, name: str) -> None:
        cached = (await self._files.file_ids([photo], "original")).get(photo.id)
        if cached is not None:
            await self.paced(chat_id, 1, lambda: bot.send_document(chat_id, cached))
            return
        image = await self._files.original(photo)
        upload = BufferedInputFile(image.data, filename=f"{name}.{image.extension}")
        sent = await self.paced(chat_id, 1, lambda: bot.send_document(chat_id, upload))
        if sent.document is not None:
            await self._files.remember(photo.id, "original", sent.document.file_id)

    async def _upload(self, photo: Photo, name: str, made: dict[str, int]) -> BufferedInputFile:
        """The watermarked preview to upload; `made` notes the watermark version it carries."""
        preview = await self._files.preview(photo)
        made[photo.id] = preview.watermark
        return BufferedInputFile(preview.data, filename=name)

    async def _remember(
        self, present: Sequence[Photo], sent: Sequence[Message], made: dict[str, int]
    ) -> None:
        """Keep the file ids of what was uploaded now, under the watermark it carried."""
        for photo, message in zip(present, sent, strict=True):
            if photo.id in made and message.photo:
                await self._files.remember(
                    photo.id, "preview", message.photo[-1].file_id, made[photo.id]
                )
