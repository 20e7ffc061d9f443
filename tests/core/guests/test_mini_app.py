"""What the Mini App shows: the open search's album, only while the guest is joined to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.core.errors import MiniAppAuthError, NoSearchError
from eventlens.core.guests.mini_app import MiniAppAlbums
from eventlens.services import Services
from tests.demo_event import DemoEvent, index_demo_event, joined

GUEST = 2002
TOKEN = "123456:AAE-the-events-bot"


@pytest.fixture
async def demo(services: Services, tmp_path: Path) -> DemoEvent:
    demo = await index_demo_event(services, tmp_path / "demo")
    await joined(services, GUEST, demo.event)
    await services.guests.photo(GUEST, demo.selfie)
    return demo


def _albums(services: Services, token: str | None = TOKEN) -> MiniAppAlbums:
    return MiniAppAlbums(
        token, 3600, services.guests, services.guest_search, services.shared_albums
    )


async def test_the_album_is_the_guests_open_search(services: Services, demo: DemoEvent) -> None:
    album = await _albums(services).album(GUEST)

    assert album is not None and album.event_name == "Basketball gala"
    search = services.guests.album(GUEST)
    assert search is not None
    assert album.sure == tuple(match.face_id for match in search.sure)


async def test_joining_another_event_hides_the_album(services: Services, demo: DemoEvent) -> None:
    other = await services.events.create("later", "Later", services.engine.pack.name)
    await joined(services, GUEST, other)
    albums = _albums(services)

    assert await albums.album(GUEST) is None
    search = services.guests.album(GUEST)
    assert search is not None
    with pytest.raises(NoSearchError):
        await albums.preview(GUEST, search.sure[0].face_id, "grid")


async def test_forgetting_hides_the_album(services: Services, demo: DemoEvent) -> None:
    await services.guests.forget(GUEST)

    assert await _albums(services).album(GUEST) is None


def test_without_a_bot_token_nobody_signs_in(services: Services) -> None:
    with pytest.raises(MiniAppAuthError):
        _albums(services, token=None).guest("auth_date=1&user=%7B%22id%22%3A1%7D&hash=00")
