"""Delete a whole event: rows, its vector collection, and originals nobody else uses.

Rows go first, in one transaction (photos, faces, jobs and everything hanging off
the event cascade), so the event vanishes for users at once. A crash after that
leaves only unreachable leftovers (a collection, some blobs), never a half-deleted
event that still answers searches.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from eventlens.storage.blobs import BlobStore
from eventlens.storage.events import EventStore
from eventlens.storage.photos import PhotoStore
from eventlens.storage.preview_cache import PreviewCache
from eventlens.storage.vectors import VectorStore


async def remove_event(
    events: EventStore,
    photos: PhotoStore,
    blobs: BlobStore,
    vectors: VectorStore,
    event_id: str,
    other_blobs: Iterable[str] = (),
    previews: PreviewCache | None = None,
) -> int:
    """Returns how many photos went. `other_blobs`: files the caller kept for the event
    outside the photos table (e.g. archives still being unpacked). A file another event
    still needs (the same ZIP sent to two events) stays. The event's watermarked
    previews go with it."""
    shas = {photo.sha256 for photo in await photos.of_event(event_id)}
    count = len(shas)
    await events.delete(event_id)
    await asyncio.to_thread(vectors.drop, event_id)
    if previews is not None:
        await asyncio.to_thread(previews.drop_event, event_id)
    for sha in shas | set(other_blobs):
        if not await photos.sha_in_use(sha):
            await asyncio.to_thread(blobs.delete, sha)
    return count
