"""`eventlens reindex`: rebuild an event's Chroma collection from SQLite.

The collection is rebuilt on the server EVENTLENS_CHROMA_URL places the event on and
dropped from every other one, so after a server was added to (or removed from) the
list, `reindex --moved` moves exactly the events whose place changed.
"""

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


async def run(settings: Settings, slug: str | None, as_json: bool) -> int:
    services = await Services.open(settings, indexes=False)
    started = time.perf_counter()
    rebuilt: dict[str, int] = {}
    try:
        if slug is not None:
            events = [await services.event(slug)]
        else:
            moved = sorted(await asyncio.to_thread(services.vectors.misplaced))
            found = [await services.events.by_id(event_id) for event_id in moved]
            events = [event for event in found if event is not None]
        for event in events:
            rebuilt[event.slug] = await rebuild(services.photos, services.vectors, event.id)
    finally:
        await services.close()
    seconds = round(time.perf_counter() - started, 3)
    if as_json:
        if slug is not None:
            emit_json({"event": slug, "faces": rebuilt[slug], "seconds": seconds})
        else:
            emit_json({"events": rebuilt, "seconds": seconds})
        return 0
    for event_slug, count in rebuilt.items():
        say(
            f"Event '{event_slug}': rebuilt the vector index with {count} face(s) "
            f"in {seconds:.1f} s."
        )
    if not rebuilt:
        say("Every event's vector index is on its server already.")
    return 0
