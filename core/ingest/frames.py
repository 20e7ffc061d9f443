"""Files that arrive one by one without a chat (a camera, a watched folder), RAW included.

A RAW file becomes a photo through the JPEG rendered from it (`core.media.raw`), and
is kept as that photo's original. A RAW and a JPEG of one frame (same name stem, in
the same open batch) become one photo, whichever arrives first: the camera's JPEG
is shown, the RAW is its original. When the RAW came first, the photo rendered from
it gives way to the JPEG's (its RAW original moves over).
"""

from __future__ import annotations

import asyncio
from pathlib import PurePath

from eventlens.core.errors import ImageError
from eventlens.core.ingest.indexer import Indexer, IngestResult
from eventlens.core.ingest.intake import Intake, Origin
from eventlens.core.media.raw import is_raw_name, render_raw
from eventlens.storage.blobs import BlobStore
from eventlens.storage.events import Event
from eventlens.storage.raw_originals import RawOriginalStore

TAKEN = frozenset({"queued", "resumed"})


class FrameIntake:
    def __init__(
        self, intake: Intake, indexer: Indexer, blobs: BlobStore, raws: RawOriginalStore
    ) -> None:
        self._intake = intake
        self._indexer = indexer
        self._blobs = blobs
        self._raws = raws

    async def take(self, event: Event, origin: Origin, name: str, data: bytes) -> IngestResult:
        stem = PurePath(name).stem
        siblings = await self._raws.siblings(event.id, origin.chat_id, stem)
        if is_raw_name(name):
            shown = [sibling for sibling in siblings if not is_raw_name(sibling.source)]
            if shown:  # the frame's JPEG is already there: the RAW becomes its original
                await self._keep_raw(shown[0].photo_id, name, data)
                return IngestResult("duplicate", name, shown[0].photo_id)
            return await self._raw(event, origin, name, data)
        result = await self._intake.unattended(event, origin, name, data)
        rendered = [sibling for sibling in siblings if is_raw_name(sibling.source)]
        if result.status in TAKEN and result.photo_id is not None and rendered:
            await self._raws.move(rendered[0].photo_id, result.photo_id)
            await self._indexer.remove_photo(rendered[0].photo_id)
        return result

    async def _raw(self, event: Event, origin: Origin, name: str, data: bytes) -> IngestResult:
        try:
            rendered = await asyncio.to_thread(render_raw, data)
        except ImageError as error:
            return await self._intake.refuse(event, origin, name, error.why)
        result = await self._intake.unattended(event, origin, name, rendered.jpeg)
        if result.status in TAKEN and result.photo_id is not None:
            await self._keep_raw(result.photo_id, name, data)
        return result

    async def _keep_raw(self, photo_id: str, name: str, data: bytes) -> None:
        sha = await asyncio.to_thread(self._blobs.put, data)
        await self._raws.attach(photo_id, sha, name)
