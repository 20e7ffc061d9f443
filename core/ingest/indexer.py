"""Uploads become indexed faces: ingest (store + queue) and the indexing worker.

Ingest stores the original and records the photo with its job in one transaction
before anything is acknowledged. The worker is a two-stage pipeline: a thread pool
decodes the next photos while the recogniser runs on the current batch, so both
cores stay busy. Given the guest lane, it analyses one photo at a time and waits
before each while a guest's selfie is being analysed (`core.faces.guest_lane`).
A photo's vectors are upserted under stable ids before its SQLite transaction
commits, so a job retried after a crash overwrites instead of duplicating: every
photo ends up indexed exactly once. With culling, each photo is also assessed
(sharpness, exposure, eyes, burst) on the inference thread and its verdict stored
right after its faces (core/culling/).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from eventlens.core.culling.assess import Assessment, Assessor
from eventlens.core.culling.keeper import keep
from eventlens.core.errors import ImageError
from eventlens.core.faces.engine import Face, FaceEngine
from eventlens.core.faces.guest_lane import GuestLane
from eventlens.core.faces.runtime import usable_cores
from eventlens.core.media.capture_time import capture_time
from eventlens.core.media.decode import DecodedImage, decode_image, probe
from eventlens.core.reasons import Code, Reason
from eventlens.storage.blobs import BlobStore
from eventlens.storage.culling import CullingStore
from eventlens.storage.jobs import MAX_ATTEMPTS, Job, JobQueue, Skip
from eventlens.storage.photos import EventGoneError, FaceRecord, PhotoStore, face_id
from eventlens.storage.preview_cache import PreviewCache
from eventlens.storage.vectors import VectorStore

logger = logging.getLogger(__name__)

BATCH = 8
IDLE_POLL_SECONDS = 1.0

# A blob write that fails for want of room: the upload is refused, nothing is kept.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})

IngestStatus = Literal["queued", "duplicate", "resumed", "rejected"]


@dataclass(frozen=True)
class IngestResult:
    status: IngestStatus
    source: str
    photo_id: str | None = None
    reason: Reason | None = None


@dataclass(frozen=True)
class Indexed:
    job: Job
    width: int
    height: int
    faces: list[FaceRecord]


@dataclass(frozen=True)
class Rejected:
    job: Job
    reason: Reason


Outcome = Indexed | Rejected
OnOutcome = Callable[[Outcome], Awaitable[None]]


async def _ignore(_: Outcome) -> None:
    return None


@dataclass
class _Decoded:
    job: Job
    image: DecodedImage | None = None
    reason: Reason | None = None
    retry: bool = False
    faces: list[Face] = field(default_factory=list)
    taken_at: float | None = None
    assessment: Assessment | None = None


@dataclass(frozen=True)
class Culling:
    """What indexing needs to assess photos for culling and keep the verdicts."""

    assessor: Assessor
    store: CullingStore


def duplicate_of(source: str) -> Reason:
    """Why a photo already stored (as `source`) is not added again."""
    return Reason(Code.DUPLICATE, {"source": source})


def face_records(photo_id: str, event_id: str, faces: Sequence[Face]) -> list[FaceRecord]:
    """A photo's faces as stored, under ids that stay the same when a job is retried."""
    return [
        FaceRecord(
            id=face_id(photo_id, index),
            photo_id=photo_id,
            event_id=event_id,
            face_index=index,
            box=face.box,
            landmarks=face.landmarks,
            det_score=face.det_score,
            size_px=face.size_px,
            sharpness=face.sharpness,
            quality=face.quality,
            embedding=face.embedding,
            outfit=face.outfit,
        )
        for index, face in enumerate(faces)
    ]


def upsert_faces(vectors: VectorStore, event_id: str, records: Sequence[FaceRecord]) -> None:
    """Write faces to the event's collection with what search reads back (blocking)."""
    if not records:
        return
    vectors.upsert(
        event_id,
        [record.id for record in records],
        np.stack([record.embedding for record in records]),
        [{"photo_id": record.photo_id, "quality": record.quality} for record in records],
    )


class Indexer:
    def __init__(
        self,
        engine: FaceEngine,
        photos: PhotoStore,
        jobs: JobQueue,
        blobs: BlobStore,
        vectors: VectorStore,
        decode_threads: int | None = None,
        lane: GuestLane | None = None,
        previews: PreviewCache | None = None,
        culling: Culling | None = None,
    ) -> None:
        self._engine = engine
        self._previews = previews
        self._culling = culling
        self._lane = lane
        self._photos = photos
        self._jobs = jobs
        self._blobs = blobs
        self._vectors = vectors
        self._decode_pool = ThreadPoolExecutor(
            max_workers=decode_threads or max(2, usable_cores()), thread_name_prefix="decode"
        )
        self._infer_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="infer")
        self._wake = asyncio.Event()

    def load(self) -> None:
        """Load every model indexing runs (blocking), so the first batch does not pay for it."""
        self._engine.load()
        if self._culling is not None:
            self._culling.assessor.load()

    def close(self) -> None:
        self._decode_pool.shutdown(wait=True, cancel_futures=True)
        self._infer_pool.shutdown(wait=True, cancel_futures=True)

    async def ingest(
        self,
        event_id: str,
        source: str,
        data: bytes,
        batch_id: str,
        uploaded_by: int | None = None,
    ) -> IngestResult:
        """Store one upload and queue it, or say why not. Never raises for bad bytes
        or a full disk (the blob write cleans up after itself)."""
        try:
            await asyncio.to_thread(probe, data)
        except ImageError as error:
            return IngestResult("rejected", source, reason=error.why)
        try:
            sha = await asyncio.to_thread(self._blobs.put, data)
        except OSError as error:
            if error.errno not in DISK_FULL:
                raise
            logger.error("cannot store %s for event %s: %s", source, event_id, error)
            return IngestResult("rejected", source, reason=Reason(Code.STORAGE_FULL))
        try:
            photo, created = await self._photos.add(
                event_id, sha, source, len(data), batch_id, uploaded_by
            )
        except EventGoneError:  # deleted while this upload was on its way
            if not await self._photos.sha_in_use(sha):
                await asyncio.to_thread(self._blobs.delete, sha)
            return IngestResult("rejected", source, reason=Reason(Code.EVENT_DELETED))
        if created:
            self._wake.set()
            return IngestResult("queued", source, photo.id)
        if photo.status == "pending":
            self._wake.set()
            return IngestResult("resumed", source, photo.id)
        return IngestResult("duplicate", source, photo.id, reason=duplicate_of(photo.source))

    async def work(
        self,
        until_idle: Callable[[], bool],
        on_outcome: OnOutcome = _ignore,
        event_id: str | None = None,
    ) -> None:
        """Index queued photos; return once the queue is empty and `until_idle()` is true."""
        await self._jobs.requeue_running()
        queue: asyncio.Queue[asyncio.Future[_Decoded] | None] = asyncio.Queue(maxsize=2 * BATCH)
        producer = asyncio.create_task(self._produce(queue, until_idle, event_id))
        try:
            await self._consume(queue, on_outcome)
        finally:
            producer.cancel()
            await asyncio.gather(producer, return_exceptions=True)

    async def _produce(
        self,
        queue: asyncio.Queue[asyncio.Future[_Decoded] | None],
        until_idle: Callable[[], bool],
        event_id: str | None,
    ) -> None:
        loop = asyncio.get_running_loop()
        while True:
            self._wake.clear()
            idle = until_idle()  # read before claiming, so a late upload is never missed
            jobs = await self._jobs.claim(BATCH, self._engine.pack.name, event_id)
            if not jobs:
                if idle:
                    await queue.put(None)
                    return
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), IDLE_POLL_SECONDS)
                continue
            for job in jobs:
                if job.attempts > MAX_ATTEMPTS:  # claimed that often, never finished: it
                    crashed = loop.create_future()  # kills the process; set it aside
                    why = Reason(Code.PROCESSING_CRASHED, {"attempts": job.attempts - 1})
                    crashed.set_result(_Decoded(job, reason=why))
                    await queue.put(crashed)
                else:
                    await queue.put(loop.run_in_executor(self._decode_pool, self._decode, job))

    def _decode(self, job: Job) -> _Decoded:
        try:
            data = self._blobs.get(job.sha256)
        except OSError:
            return _Decoded(job, reason=Reason(Code.FILE_MISSING))
        try:
            return _Decoded(job, image=decode_image(data), taken_at=capture_time(data))
        except ImageError as error:
            return _Decoded(job, reason=error.why)
        except Exception:  # a decoder bug must not stop the queue
            logger.exception("decoding %s failed", job.photo_id)
            return _Decoded(job, reason=Reason(Code.DECODE_FAILED), retry=True)

    async def _consume(
        self,
        queue: asyncio.Queue[asyncio.Future[_Decoded] | None],
        on_outcome: OnOutcome,
    ) -> None:
        finished = False
        while not finished:
            first = await queue.get()
            if first is None:
                return
            batch = [await first]
            while len(batch) < BATCH and not queue.empty():
                head = queue.get_nowait()
                if head is None:
                    finished = True
                    break
                batch.append(await head)
            await self._index_batch(batch, on_outcome)

    async def _index_batch(self, batch: list[_Decoded], on_outcome: OnOutcome) -> None:
        ready = [item for item in batch if item.image is not None]
        loop = asyncio.get_running_loop()
        try:
            found = await loop.run_in_executor(self._infer_pool, self._analyze_and_assess, ready)
        except Exception:
            logger.exception("face analysis failed for a batch of %d", len(ready))
            for item in ready:
                item.reason, item.retry = Reason(Code.ANALYSIS_FAILED), True
        else:
            for item, faces in zip(ready, found, strict=True):
                item.faces = faces
        indexed = [item for item in batch if item.image is not None and item.reason is None]
        await self._store(indexed, on_outcome)
        for item in batch:
            if item.reason is not None:
                await self._fail(item, on_outcome)

    def _analyze_and_assess(self, items: list[_Decoded]) -> list[list[Face]]:
        found = self._analyze([item.image for item in items if item.image is not None])
        if self._culling is not None:
            for item, faces in zip(items, found, strict=True):
                assert item.image is not None
                item.assessment = self._culling.assessor.assess(item.image, faces, item.taken_at)
        return found

    def _analyze(self, images: list[DecodedImage]) -> list[list[Face]]:
        """The batch's faces; with a guest lane, one photo at a time, guests going first."""
        if self._lane is None:
            return self._engine.analyze_many(images)
        found = []
        for image in images:
            self._lane.step_aside()
            found.append(self._engine.analyze(image))
        return found

    async def _store(self, items: list[_Decoded], on_outcome: OnOutcome) -> None:
        outcomes = []
        assessments: dict[str, Assessment] = {}
        for item in items:
            assert item.image is not None
            width, height = item.image.upright_size
            records = face_records(item.job.photo_id, item.job.event_id, item.faces)
            outcomes.append(Indexed(item.job, width, height, records))
            if item.assessment is not None:
                assessments[item.job.photo_id] = item.assessment
        by_event: dict[str, list[FaceRecord]] = {}
        for outcome in outcomes:
            by_event.setdefault(outcome.job.event_id, []).extend(outcome.faces)
        for event_id, records in by_event.items():
            await asyncio.to_thread(upsert_faces, self._vectors, event_id, records)
        for outcome in outcomes:
            job = outcome.job
            if await self._photos.save_faces(
                job.photo_id, outcome.width, outcome.height, outcome.faces
            ):
                assessment = assessments.get(job.photo_id)
                if self._culling is not None and assessment is not None:
                    face_ids = [record.id for record in outcome.faces]
                    await keep(
                        self._culling.store, job.photo_id, job.event_id, assessment, face_ids
                    )
                await on_outcome(outcome)
            else:  # deleted while it was indexed: its vectors must not outlive it
                await asyncio.to_thread(self._vectors.delete_photo, job.event_id, job.photo_id)
                if job.event_id not in await self._photos.event_ids():  # the whole event went
                    await asyncio.to_thread(self._vectors.drop, job.event_id)

    async def _fail(self, item: _Decoded, on_outcome: OnOutcome) -> None:
        job, reason = item.job, item.reason
        assert reason is not None  # only items with a reason fail
        if item.retry and job.attempts < MAX_ATTEMPTS:
            await self._jobs.release(job)
            return
        # Skip first, then the photo (and its job): a batch never looks finished
        # with the file counted in neither.
        await self._jobs.record_skip(job.event_id, job.batch_id, Skip(job.source, reason))
        await self.remove_photo(job.photo_id)
        await on_outcome(Rejected(job, reason))

    async def remove_photo(self, photo_id: str) -> bool:
        """Delete a photo everywhere: vectors, rows, watermarked previews, and the blob once
        nothing uses it."""
        photo = await self._photos.get(photo_id)
        if photo is None:
            return False
        await self._photos.remove(photo_id)
        await asyncio.to_thread(self._vectors.delete_photo, photo.event_id, photo_id)
        if self._previews is not None:
            await asyncio.to_thread(self._previews.drop_photo, photo.event_id, photo_id)
        if not await self._photos.sha_in_use(photo.sha256):
            await asyncio.to_thread(self._blobs.delete, photo.sha256)
        return True
