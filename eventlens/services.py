"""The composition root: settings -> storage -> model -> use cases, built once per process.

Every front door (the CLI, the bot, the gallery) gets its use cases from `Services`;
nothing else constructs a store. The bot adds only Telegram pieces on top (`bot.app`).
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass

from eventlens.core.culling.assess import Assessor
from eventlens.core.culling.desk import CullDesk
from eventlens.core.errors import SetupError, UnknownEventError
from eventlens.core.events.access import Access
from eventlens.core.events.dashboard import EventDashboard
from eventlens.core.events.desk import EventData, EventDesk
from eventlens.core.events.modes import Modes
from eventlens.core.events.packs import require_pack
from eventlens.core.events.retention import Retention
from eventlens.core.events.watermark import Watermarks
from eventlens.core.faces.calibration import Thresholds, thresholds_for
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.eyes import LandmarkModel
from eventlens.core.faces.guest_lane import GUEST_INTRA_OP_THREADS, GuestLane
from eventlens.core.faces.model_pack import resolve_pack
from eventlens.core.faces.runtime import choose_providers, guest_workers
from eventlens.core.guests.album_files import AlbumFiles
from eventlens.core.guests.desk import GuestDesk
from eventlens.core.guests.gallery import SharedAlbums
from eventlens.core.guests.hiding import PhotoHiding
from eventlens.core.guests.image_guard import GUEST_PHOTO_BYTES, GuestImageGuard
from eventlens.core.guests.live_updates import LiveUpdates
from eventlens.core.guests.mini_app import MiniAppAlbums
from eventlens.core.guests.previews import GuestPreviews
from eventlens.core.guests.selfie_search import GuestSearch
from eventlens.core.guests.share_links import ShareLinks, ShareSigner
from eventlens.core.ingest.batches import UploadBatches
from eventlens.core.ingest.camera import CameraDesk, CameraQuota
from eventlens.core.ingest.frames import FrameIntake
from eventlens.core.ingest.indexer import Culling, Indexer
from eventlens.core.ingest.intake import Intake
from eventlens.core.ingest.loops import IngestLoops
from eventlens.core.ingest.pins import Pins
from eventlens.core.people.corrections import PeopleCorrections
from eventlens.core.people.desk import PeopleDesk
from eventlens.core.reasons import Code
from eventlens.core.sales.ledger import Ledger
from eventlens.core.sales.orders import Orders, OrderStores
from eventlens.core.sales.pricing import Pricing
from eventlens.settings import Settings
from eventlens.storage import secret_key
from eventlens.storage.batches import BatchStore
from eventlens.storage.blobs import BlobStore
from eventlens.storage.camera_logins import CameraLoginStore
from eventlens.storage.confirmations import ConfirmationStore
from eventlens.storage.culling import CullingStore
from eventlens.storage.data_lock import (
    LOCK_NAME,
    WORKER_LOCK_NAME,
    DataLock,
    DirectoryInUseError,
    opening,
)
from eventlens.storage.db import Database
from eventlens.storage.enrolments import EnrolmentStore
from eventlens.storage.event_numbers import EventNumbers
from eventlens.storage.events import Event, EventStore
from eventlens.storage.guest_files import GuestFileStore
from eventlens.storage.guests import GuestStore
from eventlens.storage.hidden_photos import HiddenPhotoStore
from eventlens.storage.jobs import JobQueue
from eventlens.storage.members import MemberStore
from eventlens.storage.people import PeopleStore
from eventlens.storage.photos import PhotoStore
from eventlens.storage.preview_cache import PreviewCache
from eventlens.storage.pushes import PushStore
from eventlens.storage.raw_originals import RawOriginalStore
from eventlens.storage.rejections import RejectionStore
from eventlens.storage.retention import RetentionStore
from eventlens.storage.sales import SalesStore
from eventlens.storage.search_log import SearchLog
from eventlens.storage.selection import SelectionStore
from eventlens.storage.share_links import ShareLinkStore
from eventlens.storage.telegram_files import TelegramFileStore
from eventlens.storage.vectors import VectorStore
from eventlens.storage.watermarks import WatermarkStore


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
    guests: GuestDesk
    hiding: PhotoHiding
    culling: CullingStore
    cull: CullDesk
    live_updates: LiveUpdates
    access: Access
    modes: Modes
    guard: GuestImageGuard
    desk: EventDesk
    intake: Intake
    batches: UploadBatches
    loops: IngestLoops
    album_files: AlbumFiles
    shared_albums: SharedAlbums
    frames: FrameIntake
    camera: CameraDesk
    mini_app: MiniAppAlbums
    lane: GuestLane
    corrections: PeopleCorrections
    people_desk: PeopleDesk
    dashboard: EventDashboard
    pricing: Pricing
    orders: Orders
    ledger: Ledger
    preview_cache: PreviewCache
    previews: GuestPreviews
    watermarks: Watermarks
    locks: tuple[DataLock, ...] = ()

    @classmethod
    async def open(
        cls, settings: Settings, engine: FaceEngine | None = None, *, indexes: bool = True
    ) -> Services:
        """Build every service; pass `engine` to share one loaded model (tests, workers).

        `indexes`: this process runs the indexing loop, so it holds the data directory's
        worker lock; with the embedded Chroma store every process also holds the
        directory to itself (`storage.data_lock`).
        """
        held: list[DataLock] = []
        try:
            for lock, code in _locks(settings, indexes):
                try:
                    lock.acquire()
                except DirectoryInUseError as error:
                    raise SetupError(code, home=str(error.home), pid=error.holder) from None
                held.append(lock)
            services = await cls._build(settings, engine)
        except BaseException:
            for lock in reversed(held):
                lock.release()
            raise
        services.locks = tuple(held)
        return services

    @classmethod
    async def _build(cls, settings: Settings, engine: FaceEngine | None) -> Services:
        if engine is None:
            pack = await asyncio.to_thread(
                resolve_pack, settings.model_pack, settings.models_dir, settings.insightface_root
            )
            providers = choose_providers(settings.providers)
            engine = FaceEngine(pack, providers, settings.onnx_threads)
            guest_engine = FaceEngine(pack, providers, GUEST_INTRA_OP_THREADS)
        else:  # one model already loaded, shared by indexing and guests (tests, workers)
            guest_engine = engine
        lane = GuestLane(guest_workers(settings.guest_workers))
        if settings.chroma_urls:
            vectors = VectorStore.servers(settings.chroma_urls)
        else:
            vectors = await asyncio.to_thread(VectorStore.embedded, settings.chroma_dir)
        async with opening(settings.home):  # one process at a time migrates SQLite
            db = await Database.connect(settings.database_url, settings.db_path)
        photos, jobs, blobs = PhotoStore(db), JobQueue(db), BlobStore(settings.blobs_dir)
        events, thresholds = EventStore(db), thresholds_for(engine.pack.name)
        guest_store, enrolments, rejections = GuestStore(db), EnrolmentStore(db), RejectionStore(db)
        secret = await asyncio.to_thread(_share_secret, settings)
        share_links = ShareLinks(
            ShareSigner(secret),
            ShareLinkStore(db),
            settings.public_url,
            settings.share_link_days * 86400.0,
        )
        people, search_log = PeopleStore(db), SearchLog(db)
        hidden_photos, culling_store = HiddenPhotoStore(db), CullingStore(db)
        landmarks = engine.pack.landmarks
        assessor = Assessor(
            LandmarkModel(landmarks, choose_providers(settings.providers), settings.onnx_threads)
            if landmarks is not None
            else None
        )
        guard = GuestImageGuard(
            GUEST_PHOTO_BYTES, settings.guest_max_pixels, settings.guest_photos_per_minute, lane
        )
        guest_search = GuestSearch(
            guest_engine,
            vectors,
            photos,
            people,
            rejections,
            ConfirmationStore(db),
            hidden_photos,
            search_log,
            thresholds,
            settings.searches_per_hour,
            settings.searches_per_day,
            guard,
            hashlib.sha256(b"eventlens search audit\0" + secret).digest(),
            culling=culling_store,
        )
        preview_cache = PreviewCache(settings.previews_dir)
        previews = GuestPreviews(WatermarkStore(db), blobs, preview_cache)
        culling = Culling(assessor, culling_store) if settings.culling else None
        indexer = Indexer(
            engine, photos, jobs, blobs, vectors, lane=lane, previews=preview_cache, culling=culling
        )
        members, batch_store, files = MemberStore(db), BatchStore(db), TelegramFileStore(db)
        selection = SelectionStore(db)
        access = Access(events, members, selection, settings.admin_ids, engine.pack.name)
        live_updates = LiveUpdates(
            enrolments,
            rejections,
            PushStore(db),
            events,
            guest_store,
            thresholds,
            settings.push_interval_seconds,
        )
        loops = IngestLoops(
            indexer,
            photos,
            people,
            jobs,
            blobs,
            batch_store,
            live_updates,
            thresholds,
            vectors,
            Retention(events, RetentionStore(db)),
            preview_cache,
            shared=bool(settings.chroma_urls),
        )
        pins = Pins()
        intake = Intake(indexer, blobs, batch_store, files, pins, loops.new_work, jobs)
        frames = FrameIntake(intake, indexer, blobs, RawOriginalStore(db))
        camera = CameraDesk(
            CameraLoginStore(db),
            events,
            frames,
            CameraQuota(settings.ftp_max_bytes_per_event, settings.ftp_max_files_per_event),
            engine.pack.name,
        )
        corrections = PeopleCorrections(photos, people, blobs)
        numbers = EventNumbers(db)
        desk = EventDesk(
            engine.pack.name,
            access,
            events,
            members,
            batch_store,
            files,
            EventData(photos, people, jobs, blobs, vectors, indexer, preview_cache),
            search_log,
        )
        sales = SalesStore(db)
        guests = GuestDesk(
            db,
            events,
            guest_store,
            enrolments,
            guest_search,
            share_links,
            engine.pack.name,
            guard,
            hidden_photos,
            sales,
        )
        shared_albums = SharedAlbums(share_links, events, photos, blobs, numbers, previews)
        token = settings.bot_token.get_secret_value() if settings.bot_token else None
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
            indexer=indexer,
            thresholds=thresholds,
            share_links=share_links,
            guest_search=guest_search,
            guests=guests,
            hiding=PhotoHiding(access, hidden_photos),
            culling=culling_store,
            cull=CullDesk(access, culling_store, photos, blobs),
            live_updates=live_updates,
            access=access,
            modes=Modes(access, selection, guest_store),
            guard=guard,
            desk=desk,
            intake=intake,
            batches=UploadBatches(batch_store, jobs, events, pins),
            loops=loops,
            album_files=AlbumFiles(photos, blobs, GuestFileStore(db), previews),
            shared_albums=shared_albums,
            frames=frames,
            camera=camera,
            mini_app=MiniAppAlbums(
                token, settings.mini_app_max_age_seconds, guests, guest_search, shared_albums
            ),
            lane=lane,
            corrections=corrections,
            people_desk=PeopleDesk(access, corrections),
            dashboard=EventDashboard(access, events, numbers, sales),
            pricing=Pricing(access, sales),
            orders=Orders(
                OrderStores(sales, events, photos, guest_store, hidden_photos), guest_search
            ),
            ledger=Ledger(sales, photos, events),
            preview_cache=preview_cache,
            previews=previews,
            watermarks=Watermarks(access, WatermarkStore(db), blobs, previews),
        )

    async def close(self) -> None:
        self.indexer.close()
        self.lane.close()
        self.shared_albums.close()
        await self.db.close()
        for lock in reversed(self.locks):
            lock.release()

    async def event(self, slug: str) -> Event:
        """The event called `slug`, indexed with the model pack in use."""
        event = await self.events.by_slug(slug)
        if event is None:
            raise UnknownEventError(Code.UNKNOWN_EVENT, slug=slug)
        return require_pack(event, self.engine.pack.name)


def _locks(settings: Settings, indexes: bool) -> list[tuple[DataLock, Code]]:
    """The data directory's locks this process needs, each with the code for a refusal."""
    locks = [(DataLock(settings.home, WORKER_LOCK_NAME), Code.WORKER_RUNNING)] if indexes else []
    if not settings.chroma_urls:  # embedded Chroma: one process writes the directory
        locks.append((DataLock(settings.home, LOCK_NAME), Code.DATA_DIR_IN_USE))
    return locks


def _share_secret(settings: Settings) -> bytes:
    """The configured secret (any length, stretched by SHA-256) or the generated key file."""
    if settings.share_secret is not None:
        return hashlib.sha256(settings.share_secret.get_secret_value().encode("utf-8")).digest()
    return secret_key.load_or_create(settings.share_secret_path)
