"""`eventlens reindex`: rebuild an event's Chroma collection from SQLite."""

from __future__ import annotations

import asyncio
import time

from eventlens.cli.output import emit_json, say
from eventlens.core.ingest.indexer import upsert_faces
from eventlens.services import Services
from eventlens.settings import Settings
from eventlens.storage.photos import PhotoStore
from eventlens.storage.vectors import VectorStore


async def rebuild(photos: PhotoStore, vectors: VectorStore, event_id: str) -> int:
    faces = await photos.faces_of_event(event_id)
    await asyncio.to_thread(vectors.drop, event_id)
    await asyncio.to_thread(upsert_faces, vectors, event_id, faces)
    return len(faces)


async def run(settings: Settings, slug: str, as_json: bool) -> int:
    services = await Services.open(settings)
    started = time.perf_counter()
    try:
        event = await services.event(slug)
        count = await rebuild(services.photos, services.vectors, event.id)
    finally:
        await services.close()
    seconds = round(time.perf_counter() - started, 3)
    if as_json:
        emit_json({"event": slug, "faces": count, "seconds": seconds})
    else:
        say(f"Event '{slug}': rebuilt the vector index with {count} face(s) in {seconds:.1f} s.")
    return 0
