"""The dashboard counts what guests did: joins, searches, albums, gallery views."""

from __future__ import annotations

import time

from eventlens.services import Services
from eventlens.storage.event_numbers import EventNumbers
from eventlens.storage.guests import GuestStore
from eventlens.storage.search_log import DailyCap, SearchLog
from eventlens.storage.share_links import ShareLinkRecord, ShareLinkStore


async def test_the_numbers_follow_what_guests_did(services: Services) -> None:
    event = await services.events.create("gala", "Gala", "buffalo_s")
    photo_ids = []
    for number in range(5):
        photo, _ = await services.photos.add(event.id, f"{number:064x}", f"{number}.jpg", 1, "b")
        await services.photos.save_faces(photo.id, 10, 10, [])
        photo_ids.append(photo.id)
    empty = await services.dashboard.of_event(event)
    assert (empty.photos, empty.guests, empty.searches, empty.albums_delivered) == (5, 0, 0, 0)
    assert empty.median_photos_per_guest is None and empty.sales is None

    db = services.db
    guests, log, links = GuestStore(db), SearchLog(db), ShareLinkStore(db)
    now = time.time()
    for guest, shared in ((1, 1), (2, 3), (3, 4)):
        await guests.join(guest, event.id, "link")
        for _ in range(guest):
            await log.admit(guest, event.id, now, 100, 3600, DailyCap(f"hash{guest}", 100))
        record = ShareLinkRecord(f"link{guest}", guest, event.id, now, now + 3600, None)
        await links.add(record, photo_ids[:shared])
    views = EventNumbers(services.db)
    for _ in range(7):
        await views.count_view(event.id)

    board = await services.dashboard.of_event(event)
    assert board.guests == 3
    assert board.searches == 1 + 2 + 3
    assert board.albums_delivered == 3
    assert board.median_photos_per_guest == 3
    assert board.gallery_views == 7
    assert board.numbers()["hidden_photos"] is None
