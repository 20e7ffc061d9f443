"""The guest use case as every front door calls it: one method per request, typed answers."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from eventlens.core.errors import NoSearchError, NotJoinedError, UnknownEventError
from eventlens.core.guests.outcomes import (
    AlbumReady,
    Confirmed,
    FaceChoice,
    Following,
    JoinedEvent,
    NeedsConsent,
    NoEvent,
    SelfieFirst,
    Unfollowed,
)
from eventlens.core.search.album import Album
from eventlens.services import Services
from tests.conftest import jpeg
from tests.core.media.test_qr_read import poster_photo
from tests.demo_event import DemoEvent, index_demo_event, joined

GUEST, STRANGER = 2002, 2003


@pytest.fixture
async def demo(services: Services, tmp_path: Path) -> DemoEvent:
    return await index_demo_event(services, tmp_path / "demo")


async def _album(services: Services, demo: DemoEvent) -> AlbumReady:
    await joined(services, GUEST, demo.event)
    ready = await services.guests.photo(GUEST, demo.selfie)
    assert isinstance(ready, AlbumReady)
    return ready


async def test_join_by_link_needs_the_events_token_then_consent(services: Services) -> None:
    event = await services.events.create("ball", "Ball", services.engine.pack.name)

    joined_event = await services.guests.join(GUEST, f"ev_{event.guest_token}")

    assert joined_event == NeedsConsent(event)
    for guess in (f"ev_{event.slug}", f"ev_{event.id}", "ev_", event.guest_token):
        with pytest.raises(UnknownEventError):
            await services.guests.join(GUEST, guess)
    assert await services.guests.accept(STRANGER, event.id) == NoEvent()  # never joined
    assert await services.guests.accept(GUEST, event.id) == JoinedEvent(event)
    assert await services.guests.join(GUEST, f"ev_{event.guest_token}") == JoinedEvent(event)


async def test_selfies_go_to_the_event_opened_last(services: Services) -> None:
    first = await services.events.create("first", "First", services.engine.pack.name)
    second = await services.events.create("second", "Second", services.engine.pack.name)
    for event in (first, second, first):
        await services.guests.join(GUEST, f"ev_{event.guest_token}")
        current = await services.guests.current_event(GUEST)
        assert current is not None and current.id == event.id


async def test_a_photo_of_the_poster_joins_and_nothing_is_searched_before_consent(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    event = await services.events.create("ball", "Ball", services.engine.pack.name)
    link = f"https://t.me/eventlens_bot?start=ev_{event.guest_token}"
    selfie = jpeg(t1_image[200:480, 680:920])

    assert await services.guests.photo(GUEST, selfie) == NoEvent()
    joined_event = await services.guests.photo(GUEST, poster_photo(link, t1_image, 0.4, 1.5, 0.6))

    assert joined_event == NeedsConsent(event)
    join = await services.guests.joined(GUEST, event.id)
    assert join is not None and join.via == "qr"
    assert await services.guests.photo(GUEST, selfie) == NeedsConsent(event)
    report = await services.guests.report(GUEST)
    assert report.events[0].searches == 0 and not report.search_in_memory


async def test_a_guest_already_searching_still_joins_by_a_steep_poster(
    services: Services, demo: DemoEvent, t1_image: NDArray[np.uint8]
) -> None:
    await joined(services, GUEST, demo.event)
    other = await services.events.create("poster-gala", "Poster gala", services.engine.pack.name)
    link = f"https://t.me/eventlens_bot?start=ev_{other.guest_token}"
    # Read only by the classic detector, which the quick scan leaves out.
    steep = poster_photo(link, t1_image, 0.7, 0.0, 1.0)

    assert await services.guests.photo(GUEST, steep) == NeedsConsent(other)


async def test_a_selfie_comes_back_as_an_album_with_its_share_link(
    services: Services, demo: DemoEvent
) -> None:
    ready = await _album(services, demo)

    assert ready.event.id == demo.event.id
    assert set(ready.album.photo_ids) == demo.with_guest and ready.album.sure
    opened = await services.share_links.open(ready.link.token, ready.link.record.created_at + 1)
    assert opened.photo_ids == ready.album.sure_ids
    (summary,) = await services.guests.links(GUEST)
    assert (summary.link.token, summary.event_name) == (ready.link.token, "Basketball gala")
    assert summary.photos == len(demo.with_guest)
    assert await services.guests.revoke(GUEST, ready.link.record.id)
    assert await services.guests.links(GUEST) == []


async def test_a_group_photo_asks_which_face_then_the_choice_searches(
    services: Services, demo: DemoEvent, t1_image: NDArray[np.uint8]
) -> None:
    await joined(services, GUEST, demo.event)

    choice = await services.guests.photo(GUEST, jpeg(t1_image))

    assert isinstance(choice, FaceChoice) and choice.count == 6
    ready = await services.guests.choose_face(GUEST, 1)
    assert isinstance(ready, AlbumReady)
    # The t1 people are in the two "guests" photos of the demo event.
    expected = {demo.photo_ids["guests-at-table.jpg"], demo.photo_ids["guests-bright.jpg"]}
    assert set(ready.album.photo_ids) == expected
    with pytest.raises(NoSearchError):
        await services.guests.choose_face(GUEST, 7)


async def test_follow_needs_a_selfie_and_unfollow_drops_it(
    services: Services, demo: DemoEvent
) -> None:
    assert await services.guests.follow(GUEST) == NoEvent()
    await joined(services, GUEST, demo.event)
    assert await services.guests.follow(GUEST) == SelfieFirst(demo.event)
    await services.guests.photo(GUEST, demo.selfie)

    assert await services.guests.follow(GUEST) == Following(demo.event, 1)

    report = await services.guests.report(GUEST)
    assert report.events[0].following and report.events[0].enrolments == 1
    assert await services.guests.unfollow(GUEST) == Unfollowed((demo.event,))
    report = await services.guests.report(GUEST)
    assert not report.events[0].following and report.events[0].enrolments == 0


async def test_not_me_and_the_original_act_on_the_guests_album_only(
    services: Services, demo: DemoEvent
) -> None:
    ready = await _album(services, demo)
    rejected = ready.album.sure[-1]

    original = await services.guests.original(GUEST, rejected.face_id)
    assert original is not None and original.photo.id == rejected.photo_id
    assert original.name == f"gala-{rejected.photo_id[:8]}"
    with pytest.raises(NotJoinedError):
        await services.guests.not_me(STRANGER, rejected.face_id)
    await services.guests.not_me(GUEST, rejected.face_id)

    album = services.guests.album(GUEST)
    assert album is not None and rejected.photo_id not in album.photo_ids
    assert await services.guests.original(GUEST, rejected.face_id) is None
    again = await services.guests.photo(GUEST, demo.selfie)
    assert isinstance(again, AlbumReady) and rejected.photo_id not in again.album.photo_ids


async def test_privacy_report_then_forget_everything(services: Services, demo: DemoEvent) -> None:
    await services.guests.set_language(GUEST, "hi")
    await _album(services, demo)
    await services.guests.follow(GUEST)

    report = await services.guests.report(GUEST)
    assert report.known and report.language == "hi" and report.search_in_memory
    assert report.active_links == 1
    (event,) = report.events
    assert (event.event_name, event.via, event.searches) == ("Basketball gala", "link", 1)
    assert event.consent_at is not None

    assert await services.guests.forget(GUEST)

    after = await services.guests.report(GUEST)
    assert not after.known and not after.search_in_memory and after.events == ()
    assert await services.guests.language(GUEST) is None
    assert services.guests.album(GUEST) is None
    assert await services.guests.photo(GUEST, demo.selfie) == NoEvent()  # must join again


async def test_forget_during_a_running_search_leaves_nothing_behind(
    services: Services, demo: DemoEvent, monkeypatch: pytest.MonkeyPatch
) -> None:
    await joined(services, GUEST, demo.event)
    searching, release = asyncio.Event(), asyncio.Event()
    ranked = services.guest_search.album

    async def held(*args: Any, **kwargs: Any) -> Album:
        searching.set()
        await release.wait()
        return await ranked(*args, **kwargs)

    monkeypatch.setattr(services.guest_search, "album", held)
    running = asyncio.create_task(services.guests.photo(GUEST, demo.selfie))
    await searching.wait()

    assert await services.guests.forget(GUEST)
    release.set()

    with pytest.raises(NoSearchError):
        await running
    report = await services.guests.report(GUEST)
    assert not report.known and not report.search_in_memory
    assert services.guests.album(GUEST) is None


async def test_that_is_me_needs_a_photo_of_the_open_album_and_keeps_it_in_the_link(
    services: Services, demo: DemoEvent
) -> None:
    ready = await _album(services, demo)
    faces = await services.photos.faces_of_event(demo.event.id)
    stranger = next(face for face in faces if face.photo_id in demo.without_guest)
    with pytest.raises(NoSearchError):  # a forged button: not a photo of the album
        await services.guests.confirm(GUEST, stranger.id)
    with pytest.raises(NoSearchError):
        await services.guests.confirm(STRANGER, ready.album.sure[0].face_id)

    confirmed = await services.guests.confirm(GUEST, ready.album.sure[0].face_id)

    assert confirmed == Confirmed(ready.album.sure[0].photo_id, 1, True)
    again = await services.guests.photo(GUEST, demo.selfie)
    assert isinstance(again, AlbumReady) and again.album.sure_ids[:1] == ready.album.sure_ids[:1]
    opened = await services.share_links.open(again.link.token, again.link.record.created_at + 1)
    assert opened.photo_ids == again.album.sure_ids
