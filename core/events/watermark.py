"""An event's watermark, the photographer's side: try it on, save it, clear it.

Any of the event's photographers may change it (`Access.selected`), the CLI by the
event's short name. Every save and every clearing makes a new version: guests'
previews are re-rendered lazily under it (`core.guests.previews`) and the event's
previews cached under the old one are removed at once. A draft is tried on one of
the event's own photos, or on a neutral sample while the event has none.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from eventlens.core.events.access import Access
from eventlens.core.guests.previews import GuestPreviews
from eventlens.core.media.previews import CHAT_LONG_SIDE
from eventlens.core.media.watermark import (
    MAX_SIZE,
    MAX_TEXT,
    MIN_SIZE,
    POSITIONS,
    Watermark,
    mark_image,
    normalised_logo,
    sample_picture,
    watermarked_jpeg,
)
from eventlens.core.reasons import Code
from eventlens.core.records import Event
from eventlens.core.refusals import Refusal
from eventlens.storage.blobs import BlobStore
from eventlens.storage.watermarks import WatermarkStore

logger = logging.getLogger(__name__)


class WatermarkTextError(Refusal):
    def __init__(self) -> None:
        super().__init__(Code.WATERMARK_TEXT, max=MAX_TEXT)


class WatermarkStyleError(Refusal):
    def __init__(self) -> None:
        super().__init__(
            Code.WATERMARK_STYLE,
            min_size=str(MIN_SIZE),
            max_size=str(MAX_SIZE),
            positions=", ".join(POSITIONS),
        )


@dataclass(frozen=True)
class WatermarkState:
    event: Event
    watermark: Watermark | None
    version: int


def checked(watermark: Watermark) -> Watermark:
    """`watermark` with its text trimmed, if every choice in it is one we can render."""
    text = watermark.text.strip() if watermark.text is not None else None
    if watermark.logo is None and not (text and len(text) <= MAX_TEXT):
        raise WatermarkTextError()
    if (
        watermark.position not in POSITIONS
        or not MIN_SIZE <= watermark.size <= MAX_SIZE
        or not 0.0 <= watermark.opacity <= 1.0
    ):
        raise WatermarkStyleError()
    return Watermark(
        text if watermark.logo is None else None,
        watermark.logo,
        watermark.position,
        watermark.size,
        watermark.opacity,
    )


async def logo_from(data: bytes) -> bytes:
    """The logo as it is kept (PNG, transparency kept); ImageError if it is no image."""
    return await asyncio.to_thread(normalised_logo, data)


class Watermarks:
    def __init__(
        self, access: Access, store: WatermarkStore, blobs: BlobStore, previews: GuestPreviews
    ) -> None:
        self._access = access
        self._store = store
        self._blobs = blobs
        self._previews = previews

    async def current(self, user_id: int) -> WatermarkState:
        """The selected event's watermark (any of its photographers)."""
        return await self.of_event(await self._access.selected(user_id))

    async def save(self, user_id: int, watermark: Watermark) -> WatermarkState:
        event = await self._access.selected(user_id)
        logger.info("event %s: watermark set by %d", event.id, user_id)
        return await self.save_for(event, watermark)

    async def clear(self, user_id: int) -> WatermarkState:
        event = await self._access.selected(user_id)
        logger.info("event %s: watermark removed by %d", event.id, user_id)
        return await self.clear_for(event)

    async def try_on(self, user_id: int, watermark: Watermark) -> bytes:
        """A chat-sized JPEG of one of the selected event's photos carrying `watermark`."""
        return await self.try_on_event(await self._access.selected(user_id), watermark)

    async def try_on_event(self, event: Event, watermark: Watermark) -> bytes:
        chosen = checked(watermark)
        sha = await self._store.sample_photo(event.id)

        def render() -> bytes:
            picture = self._blobs.get(sha) if sha and self._blobs.exists(sha) else sample_picture()
            return watermarked_jpeg(picture, CHAT_LONG_SIDE, mark_image(chosen), chosen)

        return await asyncio.to_thread(render)

    async def of_event(self, event: Event) -> WatermarkState:
        saved = await self._store.get(event.id)
        return WatermarkState(event, saved.watermark, saved.version)

    async def save_for(self, event: Event, watermark: Watermark) -> WatermarkState:
        chosen = checked(watermark)
        version = await self._store.save(event.id, chosen)
        await self._previews.forget(event.id)
        return WatermarkState(event, chosen, version)

    async def clear_for(self, event: Event) -> WatermarkState:
        version = await self._store.save(event.id, None)
        await self._previews.forget(event.id)
        return WatermarkState(event, None, version)
