"""The composition root: settings -> stores, model and indexer, built once per process."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from core.calibration import Thresholds, thresholds_for
from core.errors import EventLensError, UnknownEventError
from core.faces import FaceEngine
from core.indexing import Indexer
from core.model_pack import resolve_pack
from core.onnx_runtime import choose_providers
from eventlens.settings import Settings
from storage.blobs import BlobStore
from storage.db import Database
from storage.events import Event, EventStore
from storage.jobs import JobQueue
from storage.people import PeopleStore
from storage.photos import PhotoStore
from storage.vectors import VectorStore


@dataclass
class Services:
    settings: Settings
    db: Database
    events: EventStore
    photos: PhotoStore
    people: PeopleStore
    jobs: JobQueue
    blobs: BlobStore
    vectors: VectorStore
    engine: FaceEngine
    indexer: Indexer
    thresholds: Thresholds

    @classmethod
    async def open(cls, settings: Settings, engine: FaceEngine | None = None) -> Services:
        """Build every service; pass `engine` to share one loaded model (tests, workers)."""
        if engine is None:
            pack = await asyncio.to_thread(
                resolve_pack, settings.model_pack, settings.models_dir, settings.insightface_root
            )
            engine = FaceEngine(pack, choose_providers(settings.providers), settings.onnx_threads)
        if settings.chroma_url:
            vectors = VectorStore.remote(settings.chroma_url)
        else:
            vectors = await asyncio.to_thread(VectorStore.embedded, settings.chroma_dir)
        db = await Database.open(settings.db_path)
        photos, jobs, blobs = PhotoStore(db), JobQueue(db), BlobStore(settings.blobs_dir)
        return cls(
            settings=settings,
            db=db,
            events=EventStore(db),
            photos=photos,
            people=PeopleStore(db),
            jobs=jobs,
            blobs=blobs,
            vectors=vectors,
            engine=engine,
            indexer=Indexer(engine, photos, jobs, blobs, vectors),
            thresholds=thresholds_for(engine.pack.name),
        )

    async def close(self) -> None:
        self.indexer.close()
        await self.db.close()

    async def event(self, slug: str) -> Event:
        """The event called `slug`, indexed with the model pack in use."""
        event = await self.events.by_slug(slug)
        if event is None:
            raise UnknownEventError(f"No event called '{slug}'.")
        self.check_pack(event)
        return event

    def check_pack(self, event: Event) -> None:
        if event.model_pack != self.engine.pack.name:
            raise EventLensError(
                f"Event '{event.slug}' was indexed with model pack '{event.model_pack}'; "
                f"set EVENTLENS_MODEL_PACK={event.model_pack} to use it."
            )
