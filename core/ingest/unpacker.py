"""Unpack stored ZIPs into their batches, resumably.

Entries come out in the archive's own order, so `entries_done` is a position: a
restarted bot skips that many and carries on. Entries ingested after the last
saved position are ingested again and recognised as already in this batch, not
reported as duplicates. Skips are written with the position that covers them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from eventlens.core.errors import ArchiveError
from eventlens.core.ingest.indexer import Indexer, IngestResult, duplicate_of
from eventlens.core.media.archive import Entry, read_zip
from eventlens.core.reasons import Code, Reason
from eventlens.storage.batches import Archive, BatchStore
from eventlens.storage.blobs import BlobStore
from eventlens.storage.jobs import MAX_ATTEMPTS, Skip
from eventlens.storage.photos import PhotoStore

logger = logging.getLogger(__name__)

SAVE_EVERY_ENTRIES = 200
SAVE_EVERY_SECONDS = 1.0
RETRY_SECONDS = 5.0


class Unpacker:
    def __init__(
        self,
        indexer: Indexer,
        photos: PhotoStore,
        blobs: BlobStore,
        batches: BatchStore,
        on_progress: Callable[[], None],
    ) -> None:
        self._indexer = indexer
        self._photos = photos
        self._blobs = blobs
        self._batches = batches
        self._on_progress = on_progress
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        """Unpack pending archives, oldest first, until cancelled."""
        while True:
            self._wake.clear()
            try:
                await self.unpack_pending()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("unpacking failed; retrying in %.0f s", RETRY_SECONDS)
                await asyncio.sleep(RETRY_SECONDS)
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 1.0)

    async def unpack_pending(self) -> None:
        """Unpack every stored archive not finished yet, oldest first."""
        for archive in await self._batches.pending_archives():
            await self._unpack(archive)

    async def _unpack(self, archive: Archive) -> None:
        attempts = await self._batches.start_archive(archive)
        try:
            await self._unpack_from(archive, crashes=attempts - 1)
        except asyncio.CancelledError:
            await self._batches.clear_attempts(archive)  # a clean stop is not a crash
            raise

    async def _unpack_from(self, archive: Archive, crashes: int) -> None:
        """Carry on after the saved position; after crashes, go carefully, then set aside.

        One crash: save after every entry, so the next one pins the entry down. After
        MAX_ATTEMPTS crashes, the entry after the saved position is set aside unread;
        if the process dies before even reaching it, the whole archive is.
        """
        path = self._blobs.path(archive.sha256)
        batch = await self._batches.get(archive.batch_id)
        uploader = batch.user_id if batch else None
        crashed = Reason(Code.PROCESSING_CRASHED, {"attempts": crashes})
        skips: list[Skip] = []
        position = archive.entries_done
        if crashes > MAX_ATTEMPTS:
            skips.append(Skip(archive.name, crashed))
            await self._finish(archive, position, skips)
            return
        set_aside = {position + 1: crashed} if crashes == MAX_ATTEMPTS else {}
        try:
            with path.open("rb") as stream:
                entries = read_zip(stream, after=position, passed_over=set_aside)
                saved, saved_at = position, time.monotonic()
                while (entry := await asyncio.to_thread(next, entries, None)) is not None:
                    position = entry.position
                    skip = await self._ingest(archive, entry, uploader)
                    if skip is not None:
                        skips.append(skip)
                    if (
                        crashes > 0
                        or position - saved >= SAVE_EVERY_ENTRIES
                        or time.monotonic() - saved_at >= SAVE_EVERY_SECONDS
                    ):
                        await self._batches.advance_archive(archive, position, skips)
                        if position in set_aside:
                            await self._batches.clear_attempts(archive)
                        skips, saved, saved_at = [], position, time.monotonic()
                        self._on_progress()
        except ArchiveError as error:
            skips.append(Skip(archive.name, error.why))
        except FileNotFoundError:
            skips.append(Skip(archive.name, Reason(Code.FILE_MISSING)))
        await self._finish(archive, position, skips)

    async def _finish(self, archive: Archive, position: int, skips: list[Skip]) -> None:
        await self._batches.advance_archive(archive, position, skips, finished=True)
        if not await self._photos.sha_in_use(archive.sha256):
            await asyncio.to_thread(self._blobs.delete, archive.sha256)
        self._on_progress()

    async def _ingest(self, archive: Archive, entry: Entry, uploader: int | None) -> Skip | None:
        source = f"{archive.name}:{entry.name}"
        if entry.data is None:
            assert entry.reason is not None  # an entry without bytes always says why
            return Skip(source, entry.reason)
        result: IngestResult = await self._indexer.ingest(
            archive.event_id, source, entry.data, archive.batch_id, uploader
        )
        if result.status == "queued":
            return None
        if result.status == "rejected":
            assert result.reason is not None
            return Skip(source, result.reason)
        assert result.photo_id is not None
        if await self._batches.batch_of_photo(result.photo_id) == archive.batch_id:
            return None  # ingested before a restart: this batch's own photo
        if result.reason is not None:
            return Skip(source, result.reason)
        # Still queued in another batch: a duplicate all the same.
        photo = await self._photos.get(result.photo_id)
        return Skip(source, duplicate_of(photo.source if photo else source))
