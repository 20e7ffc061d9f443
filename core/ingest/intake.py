"""Uploads enter here: stored and queued in the chat's open batch before any reply.

A photo's bytes go through `Indexer.ingest` (blob + photo row + job in one go); a
ZIP is moved into the blob store whole and recorded as an archive of the batch,
then unpacked in the background (`eventlens.core.ingest.unpacker`), so a big archive is
acknowledged at once and survives a restart half-way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eventlens.core.ingest.indexer import Indexer, IngestResult
from eventlens.core.ingest.pins import Pins
from eventlens.core.reasons import Reason
from eventlens.storage.batches import BatchStore
from eventlens.storage.blobs import BlobStore
from eventlens.storage.events import Event
from eventlens.storage.jobs import JobQueue, Skip
from eventlens.storage.telegram_files import FileKind, TelegramFile, TelegramFileStore


@dataclass(frozen=True)
class Origin:
    """Where an upload came from: the message that brought it and who sent it."""

    user_id: int
    chat_id: int
    message_id: int
    locale: str


@dataclass(frozen=True)
class FileRef:
    file_id: str
    file_unique_id: str
    kind: FileKind


class Intake:
    def __init__(
        self,
        indexer: Indexer,
        blobs: BlobStore,
        batches: BatchStore,
        files: TelegramFileStore,
        pins: Pins,
        on_new_work: Callable[[], None],
        jobs: JobQueue,
    ) -> None:
        self._indexer = indexer
        self._jobs = jobs
        self._blobs = blobs
        self._batches = batches
        self._files = files
        self._pins = pins
        self._on_new_work = on_new_work

    async def image(
        self, event: Event, origin: Origin, source: str, data: bytes, ref: FileRef | None
    ) -> IngestResult:
        with self._pins.hold(origin.chat_id, event.id):
            batch, _ = await self._batches.open_for(
                event.id, origin.user_id, origin.chat_id, origin.message_id, origin.locale
            )
            result = await self._indexer.ingest(event.id, source, data, batch.id, origin.user_id)
            if result.photo_id is not None and ref is not None:
                await self._files.remember(
                    TelegramFile(result.photo_id, ref.file_unique_id, ref.file_id, ref.kind)
                )
        self._on_new_work()
        return result

    async def unattended(
        self, event: Event, origin: Origin, source: str, data: bytes
    ) -> IngestResult:
        """A file nobody waits for in a chat (a camera, a watched folder): a refusal or a
        duplicate becomes a skip of the batch, so the summary names it with its reason."""
        with self._pins.hold(origin.chat_id, event.id):
            batch, _ = await self._batches.open_for(
                event.id, origin.user_id, origin.chat_id, origin.message_id, origin.locale
            )
            result = await self._indexer.ingest(event.id, source, data, batch.id, origin.user_id)
            if result.reason is not None:
                await self._jobs.record_skip(event.id, batch.id, Skip(source, result.reason))
        self._on_new_work()
        return result

    async def refuse(
        self, event: Event, origin: Origin, source: str, reason: Reason
    ) -> IngestResult:
        """A file refused before it reached the indexer, recorded as a skip of the batch."""
        with self._pins.hold(origin.chat_id, event.id):
            batch, _ = await self._batches.open_for(
                event.id, origin.user_id, origin.chat_id, origin.message_id, origin.locale
            )
            await self._jobs.record_skip(event.id, batch.id, Skip(source, reason))
        self._on_new_work()
        return IngestResult("rejected", source, reason=reason)

    async def archive(self, event: Event, origin: Origin, name: str, download: Path) -> None:
        """Take ownership of a downloaded ZIP: it is moved into the blob store."""
        with self._pins.hold(origin.chat_id, event.id):
            sha = await asyncio.to_thread(self._blobs.put_file, download)
            batch, _ = await self._batches.open_for(
                event.id, origin.user_id, origin.chat_id, origin.message_id, origin.locale
            )
            await self._batches.add_archive(batch.id, event.id, sha, name)
        self._on_new_work()
