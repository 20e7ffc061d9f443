"""Start-up sweep: what a crash or a delete racing with ingest left behind goes.

A crash between writing an original and recording its row, an entry unpacked for an
event deleted meanwhile, or a collection re-created by a job that finished after its
event was deleted all leave data no row points to. Rows are the truth: originals and
collections without one are removed before the process starts taking work, and so
are watermarked previews of photos or events that are gone.

Where other processes share the data (Chroma servers: a bot beside its worker), an
original written in the last `SHARED_GRACE_SECONDS` is kept: another process may be
about to record its row. Collections are listed before the events are read, so an
event created meanwhile is never taken for an orphan.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from eventlens.storage.blobs import BlobStore
from eventlens.storage.photos import PhotoStore
from eventlens.storage.preview_cache import PreviewCache
from eventlens.storage.vectors import VectorStore

logger = logging.getLogger(__name__)

SHARED_GRACE_SECONDS = 3600.0


@dataclass(frozen=True)
class Swept:
    blobs: int
    collections: int


async def sweep(
    photos: PhotoStore,
    blobs: BlobStore,
    vectors: VectorStore,
    previews: PreviewCache | None = None,
    shared: bool = False,
) -> Swept:
    cutoff = time.time() - SHARED_GRACE_SECONDS if shared else None
    keep = await photos.referenced_blobs()
    removed = await asyncio.to_thread(blobs.keep_only, keep, cutoff)
    collections = await asyncio.to_thread(vectors.event_ids)
    events = await photos.event_ids()
    if previews is not None:
        removed += await _sweep_previews(photos, previews, events)
    orphans = collections - events
    for event_id in orphans:
        await asyncio.to_thread(vectors.drop, event_id)
    if removed or orphans:
        logger.info("swept %d unreferenced files and %d collections", removed, len(orphans))
    return Swept(removed, len(orphans))


async def _sweep_previews(photos: PhotoStore, previews: PreviewCache, events: set[str]) -> int:
    removed = 0
    for event_id in await asyncio.to_thread(previews.event_ids):
        if event_id not in events:
            await asyncio.to_thread(previews.drop_event, event_id)
            removed += 1
            continue
        cached = await asyncio.to_thread(previews.photo_ids, event_id)
        present = set(await photos.many(sorted(cached)))
        removed += await asyncio.to_thread(previews.keep_only, event_id, present)
    return removed
