"""Upload batches as a photographer sees them: how far each has come, and when it is done.

A batch is finished when every photo it queued has an outcome, no ZIP of it is still
being unpacked and no handler is still adding to it (`Pins`). Everything is read
from SQLite, so a restarted process reports the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventlens.core.ingest.pins import Pins
from eventlens.storage.batches import Batch, BatchStore
from eventlens.storage.events import EventStore
from eventlens.storage.jobs import JobQueue, Skip


@dataclass(frozen=True)
class BatchState:
    event_name: str
    queued: int  # photos queued for indexing in this batch
    indexed: int
    faces: int
    skipped: int
    unpacking: tuple[tuple[str, int], ...]  # (archive name, entries read so far)
    finished: bool

    @property
    def total(self) -> int:
        return self.queued + self.skipped

    @property
    def processed(self) -> int:
        return self.indexed + self.skipped


class UploadBatches:
    def __init__(self, batches: BatchStore, jobs: JobQueue, events: EventStore, pins: Pins) -> None:
        self._batches = batches
        self._jobs = jobs
        self._events = events
        self._pins = pins

    async def open(self) -> list[Batch]:
        return await self._batches.open_batches()

    async def state(self, batch: Batch) -> BatchState:
        progress = await self._jobs.progress(batch.id)
        skipped = await self._batches.skip_count(batch.id)
        archives = await self._batches.pending_archives(batch_id=batch.id)
        event = await self._events.by_id(batch.event_id)
        return BatchState(
            event_name=event.name if event else "",
            queued=progress.total,
            indexed=progress.done,
            faces=progress.faces,
            skipped=skipped,
            unpacking=tuple((archive.name, archive.entries_done) for archive in archives),
            finished=(
                not archives
                and progress.done == progress.total
                and not self._pins.held(batch.chat_id, batch.event_id)
            ),
        )

    async def skips(self, batch_id: str) -> list[Skip]:
        return await self._batches.skips(batch_id)

    async def set_message(self, batch_id: str, message_id: int) -> None:
        await self._batches.set_message(batch_id, message_id)

    async def close(self, batch: Batch, state: BatchState) -> bool:
        """Mark the batch summed up; False if a handler added to it meanwhile."""
        if self._pins.held(batch.chat_id, batch.event_id):
            return False
        return await self._batches.finish(batch.id, state.queued, state.skipped)
