from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from eventlens.core.errors import NoSearchError, NotJoinedError, UnknownEventError
from eventlens.core.guests.selfie_search import SearchResult
from eventlens.services import Services
from tests.core.media.test_qr_read import poster_photo
from tests.demo_event import DemoEvent, index_demo_event, joined

GUEST = 2002


@pytest.fixture
async def demo(services: Services, tmp_path: Path) -> DemoEvent:
    return await index_demo_event(services, tmp_path / "demo")


async def test_join_by_link_needs_the_events_token(services: Services) -> None:
    event = await services.events.create("ball", "Ball", services.engine.pack.name)

    joined_event = await services.guests.join(GUEST, f"ev_{event.guest_token}")

    assert joined_event.event.id == event.id and joined_event.new
    assert joined_event.needs_consent
    for guess in (f"ev_{event.slug}", f"ev_{event.id}", "ev_", event.guest_token):
        with pytest.raises(UnknownEventError):
            await services.guests.join(GUEST, guess)
    assert not (await services.guests.join(GUEST, f"ev_{event.guest_token}")).new


async def test_selfies_go_to_the_event_opened_last(services: Services) -> None:
    first = await services.events.create("first", "First", services.engine.pack.name)
    second = await services.events.create("second", "Second", services.engine.pack.name)
    for event in (first, second, first):
        await services.guests.join(GUEST, f"ev_{event.guest_token}")
        current = await services.guests.current_event(GUEST)
        assert current is not None and current.id == event.id


async def test_join_by_a_photo_of_the_printed_qr_code(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    event = await services.events.create("ball", "Ball", services.engine.pack.name)
    link = f"https://t.me/eventlens_bot?start=ev_{event.guest_token}"

    joined_event = await services.guests.join_by_photo(
        GUEST, poster_photo(link, t1_image, 0.4, 1.5, 0.6)
    )

    assert joined_event is not None and joined_event.event.id == event.id
    assert joined_event.join.via == "qr"
    other_code = poster_photo("hello", t1_image, 0, 0, 1)
    assert await services.guests.join_by_photo(GUEST, other_code) is None


async def test_follow_enrols_the_current_search_and_unfollow_drops_it(
    services: Services, demo: DemoEvent
) -> None:
    await joined(services, GUEST, demo.event)
    with pytest.raises(NoSearchError):
        await services.guests.follow(GUEST, demo.event.id)
    await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)

    assert await services.guests.follow(GUEST, demo.event.id) == 1

    report = await services.guests.report(GUEST)
    assert report.events[0].following and report.events[0].enrolments == 1
    await services.guests.unfollow(GUEST, demo.event.id)
    report = await services.guests.report(GUEST)
    assert not report.events[0].following and report.events[0].enrolments == 0


async def test_a_share_link_holds_the_current_album(services: Services, demo: DemoEvent) -> None:
    await joined(services, GUEST, demo.event)
    with pytest.raises(NoSearchError):
        await services.guests.share(GUEST, demo.event.id)
    result = await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)
    assert isinstance(result, SearchResult)

    link = await services.guests.share(GUEST, demo.event.id)

    opened = await services.share_links.open(link.token, link.record.created_at + 1)
    assert opened.photo_ids == result.album.photo_ids
    assert [active.token for active in await services.guests.links(GUEST)] == [link.token]
    assert await services.guests.revoke(GUEST, link.record.id)
    assert await services.guests.links(GUEST) == []


async def test_privacy_report_then_forget_everything(services: Services, demo: DemoEvent) -> None:
    await services.guests.set_language(GUEST, "hi")
    await joined(services, GUEST, demo.event)
    await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)
    await services.guests.follow(GUEST, demo.event.id)
    await services.guests.share(GUEST, demo.event.id)

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
    with pytest.raises(NotJoinedError):  # a forgotten guest must join again
        await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)
