"""The background loops of ingest, started and stopped together by a front door.

Unpack stored ZIPs into their batches, index queued photos (matching each against
the event's followers), re-cluster an event's people once its queue drains, and
purge guest data whose retention ended (at start, then daily).
Front doors that show progress subscribe with `listen`: `on_upload` fires as soon
as an upload is recorded, `on_progress` whenever a photo or ZIP entry moves on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from eventlens.core.events.retention import Retention
from eventlens.core.faces.calibration import Thresholds
from eventlens.core.guests.live_updates import LiveUpdates
from eventlens.core.ingest.indexer import Indexer
from eventlens.core.ingest.sweep import Swept, sweep
from eventlens.core.ingest.unpacker import Unpacker
from eventlens.core.ingest.worker import IndexingWorker
from eventlens.core.people.refresh import PeopleRefresher
from eventlens.storage.batches import BatchStore
from eventlens.storage.blobs import BlobStore
from eventlens.storage.jobs import JobQueue
from eventlens.storage.people import PeopleStore
from eventlens.storage.photos import PhotoStore
from eventlens.storage.preview_cache import PreviewCache
from eventlens.storage.vectors import VectorStore

logger = logging.getLogger(__name__)

Listener = Callable[[], None]


class IngestLoops:
    def __init__(
        self,
        indexer: Indexer,
        photos: PhotoStore,
        people: PeopleStore,
        jobs: JobQueue,
        blobs: BlobStore,
        batches: BatchStore,
        live_updates: LiveUpdates,
        thresholds: Thresholds,
        vectors: VectorStore,
        retention: Retention,
        previews: PreviewCache | None = None,
        shared: bool = False,
    ) -> None:
        self._photos, self._blobs, self._vectors = photos, blobs, vectors
        self._previews = previews
        self._shared = shared  # other processes write the same originals and collections
        self.retention = retention
        self._on_upload: list[Listener] = []
        self._on_progress: list[Listener] = []
        self.unpacker = Unpacker(indexer, photos, blobs, batches, self._progress)
        self.people = PeopleRefresher(photos, people, jobs, thresholds, vectors)
        self.worker = IndexingWorker(indexer, jobs, live_updates, self.people, self._progress)
        self._tasks: list[asyncio.Task[None]] = []

    def listen(self, on_upload: Listener, on_progress: Listener) -> None:
        self._on_upload.append(on_upload)
        self._on_progress.append(on_progress)

    def new_work(self) -> None:
        """An upload was recorded: unpack it if it is a ZIP, tell the listeners either way."""
        self.unpacker.wake()
        for listener in self._on_upload:
            listener()

    def _progress(self) -> None:
        for listener in self._on_progress:
            listener()

    async def sweep(self) -> Swept:
        """Remove what earlier runs left unreferenced (`core.ingest.sweep`)."""
        return await sweep(self._photos, self._blobs, self._vectors, self._previews, self._shared)

    async def start(self) -> None:
        """Sweep what earlier runs left unreferenced, then start the loops."""
        await self.sweep()
        self._tasks = [
            asyncio.create_task(self.worker.run(), name="indexing-worker"),
            asyncio.create_task(self.unpacker.run(), name="zip-unpacker"),
            asyncio.create_task(self.people.run(), name="people-refresh"),
            asyncio.create_task(self.retention.run(), name="retention-purge"),
        ]

    async def stop(self) -> None:
        """Cancel the loops, then put claimed jobs back for the next start."""
        for task in self._tasks:
            task.cancel()
        results = await asyncio.gather(*self._tasks, return_exceptions=True)
        for result in results:
            if isinstance(result, Exception):
                logger.error("background task ended with %r", result)
        if self._tasks:
            await self.worker.requeue()
        self._tasks = []
