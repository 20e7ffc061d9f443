from __future__ import annotations

import pytest

from eventlens.core.errors import InvalidSlugError
from eventlens.storage.db import Database
from eventlens.storage.events import EventStore


@pytest.fixture
def events(db: Database) -> EventStore:
    return EventStore(db)


async def test_an_event_gets_unguessable_distinct_tokens(events: EventStore) -> None:
    event = await events.create("wedding-2026", "Wedding", "buffalo_s", owner_id=7)
    other = await events.create("gala", "Gala", "buffalo_s")
    assert len(event.guest_token) >= 22  # 128 bits in URL-safe base64
    assert event.guest_token != event.invite_token
    assert event.guest_token not in {other.guest_token, other.invite_token}
    assert event.slug not in event.guest_token and event.id not in event.guest_token
    assert await events.by_guest_token(event.guest_token) == event
    assert await events.by_invite_token(event.invite_token) == event
    assert await events.by_slug("gala") == other


@pytest.mark.parametrize("slug", ["", "Upper", "with space", "../x", "-leading", "x" * 64])
async def test_bad_slugs_are_refused(events: EventStore, slug: str) -> None:
    with pytest.raises(InvalidSlugError):
        await events.create(slug, "x", "buffalo_s")


async def test_close_reopen_and_delete(events: EventStore) -> None:
    event = await events.create("run", "Run", "buffalo_s", owner_id=1)
    await events.set_closed(event.id, True)
    closed = await events.by_id(event.id)
    assert closed is not None and closed.closed
    summaries = await events.summaries(owner_id=1)
    assert [(item.event.slug, item.counts.photos, item.counts.faces) for item in summaries] == [
        ("run", 0, 0)
    ]
    await events.delete(event.id)
    assert await events.by_slug("run") is None
