from __future__ import annotations

import numpy as np

from eventlens.services import Services
from eventlens.storage.enrolments import EnrolmentStore
from eventlens.storage.guests import GuestStore
from eventlens.storage.pushes import PendingPush, PushStore
from eventlens.storage.rejections import RejectionStore
from tests.storage.conftest import sqlite_only

GUEST = 42
# A recognisable byte pattern, to look for in the database files after forgetting.
MARKER = np.frombuffer(b"EVENTLENS-GUEST-" * 128, dtype=np.float32).copy()


async def _event_with_photo(services: Services) -> tuple[str, str]:
    event = await services.events.create("expo", "Expo", services.engine.pack.name)
    photo, _ = await services.photos.add(event.id, "ab" * 32, "one.jpg", 10, "batch")
    return event.id, photo.id


async def test_joining_twice_is_one_join(services: Services) -> None:
    guests = GuestStore(services.db)
    event_id, _ = await _event_with_photo(services)

    first, created = await guests.join(GUEST, event_id, "qr")
    again, created_again = await guests.join(GUEST, event_id, "link")

    assert created and not created_again
    assert (again.via, again.consent_at) == ("qr", None) and again.joined_at >= first.joined_at
    await guests.accept(GUEST, event_id)
    joined = await guests.get_join(GUEST, event_id)
    assert joined is not None and joined.consented


async def test_unfollow_drops_the_enrolment_and_queued_pushes(services: Services) -> None:
    guests, enrolments, pushes = (
        GuestStore(services.db),
        EnrolmentStore(services.db),
        PushStore(services.db),
    )
    event_id, photo_id = await _event_with_photo(services)
    await guests.join(GUEST, event_id, "link")
    await enrolments.enrol(GUEST, event_id, [MARKER])
    assert await pushes.add([PendingPush(GUEST, event_id, photo_id, 0.7)]) == 1
    assert await guests.followers(event_id) == [GUEST]

    await guests.unfollow(GUEST, event_id)

    assert await guests.followers(event_id) == []
    assert await enrolments.of_guest(GUEST, event_id) == []
    assert await pushes.pending() == []
    assert await pushes.add([PendingPush(GUEST, event_id, photo_id, 0.7)]) == 0  # not following


@sqlite_only  # PostgreSQL keeps deleted bytes until vacuum reuses them (storage/postgres.py)
async def test_forget_leaves_no_row_and_no_bytes_on_disk(services: Services) -> None:
    guests = GuestStore(services.db)
    event_id, photo_id = await _event_with_photo(services)
    await guests.set_language(GUEST, "es")
    await guests.join(GUEST, event_id, "link")
    await guests.accept(GUEST, event_id)
    await EnrolmentStore(services.db).enrol(GUEST, event_id, [MARKER, MARKER])
    await RejectionStore(services.db).add(GUEST, event_id, photo_id, f"{photo_id}-0", MARKER)
    await PushStore(services.db).add([PendingPush(GUEST, event_id, photo_id, 0.5)])
    await services.share_links.create(GUEST, event_id, [photo_id], 0.0)
    files = list(services.settings.home.rglob("eventlens.sqlite3*"))
    assert any(MARKER.tobytes()[:64] in path.read_bytes() for path in files)

    assert await guests.forget(GUEST)

    for table in (
        "guests",
        "joins",
        "enrolments",
        "rejections",
        "pushes",
        "share_links",
        "share_link_photos",
        "searches",
    ):
        row = await services.db.fetch_one(f"SELECT COUNT(*) FROM {table}")
        assert row is not None and row[0] == 0, table
    for path in services.settings.home.rglob("*"):  # SQLite, its WAL, Chroma, blobs
        assert not path.is_file() or b"EVENTLENS-GUEST-" not in path.read_bytes(), path
    assert not await guests.forget(GUEST)
    assert await services.photos.get(photo_id) is not None  # the event is untouched
