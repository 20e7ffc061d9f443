"""The composition root: settings -> stores, model and indexer, built once per process."""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass

from core.calibration import Thresholds, thresholds_for
from core.errors import EventLensError, UnknownEventError
from core.faces import FaceEngine
from core.guest_search import GuestSearch
from core.guests import Guests
from core.indexing import Indexer
from core.live_updates import LiveUpdates
from core.model_pack import resolve_pack
from core.onnx_runtime import choose_providers
from core.share_links import ShareLinks, ShareSigner
from eventlens.settings import Settings
from storage import secret_key
from storage.blobs import BlobStore
from storage.db import Database
from storage.enrolments import EnrolmentStore
from storage.events import Event, EventStore
from storage.guests import GuestStore
from storage.jobs import JobQueue
from storage.people import PeopleStore
from storage.photos import PhotoStore
from storage.pushes import PushStore
from storage.rejections import RejectionStore
from storage.search_log import SearchLog
from storage.share_links import ShareLinkStore
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
    share_links: ShareLinks
    guest_search: GuestSearch
    guests: Guests
    live_updates: LiveUpdates

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
        events, thresholds = EventStore(db), thresholds_for(engine.pack.name)
        guest_store, enrolments, rejections = GuestStore(db), EnrolmentStore(db), RejectionStore(db)
        share_links = ShareLinks(
            ShareSigner(await asyncio.to_thread(_share_secret, settings)),
            ShareLinkStore(db),
            settings.public_url,
            settings.share_link_days * 86400.0,
        )
        people = PeopleStore(db)
        guest_search = GuestSearch(
            engine,
            vectors,
            photos,
            people,
            guest_store,
            rejections,
            SearchLog(db),
            thresholds,
            settings.searches_per_hour,
        )
        return cls(
            settings=settings,
            db=db,
            events=events,
            photos=photos,
            people=people,
            jobs=jobs,
            blobs=blobs,
            vectors=vectors,
            engine=engine,
            indexer=Indexer(engine, photos, jobs, blobs, vectors),
            thresholds=thresholds,
            share_links=share_links,
            guest_search=guest_search,
            guests=Guests(db, events, guest_store, enrolments, guest_search, share_links),
            live_updates=LiveUpdates(
                enrolments,
                rejections,
                PushStore(db),
                thresholds,
                settings.push_interval_seconds,
            ),
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


def _share_secret(settings: Settings) -> bytes:
    """The configured secret (any length, stretched by SHA-256) or the generated key file."""
    if settings.share_secret is not None:
        return hashlib.sha256(settings.share_secret.get_secret_value().encode("utf-8")).digest()
    return secret_key.load_or_create(settings.share_secret_path)
