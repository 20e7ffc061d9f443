from __future__ import annotations

from eventlens.services import Services
from eventlens.storage.guests import GuestStore
from eventlens.storage.share_links import ShareLinkRecord, ShareLinkStore


async def test_a_link_keeps_its_album_order_and_loses_deleted_photos(services: Services) -> None:
    event = await services.events.create("gig", "Gig", services.engine.pack.name)
    await GuestStore(services.db).join(3, event.id, "link")
    ids = []
    for n in range(3):
        photo, _ = await services.photos.add(event.id, f"{n:064x}", f"{n}.jpg", 1, "b")
        ids.append(photo.id)
    store = ShareLinkStore(services.db)
    record = ShareLinkRecord("link-1", 3, event.id, 10.0, 20.0, None)
    await store.add(record, [ids[2], ids[0], ids[1]])

    await services.photos.remove(ids[0])

    assert await store.photo_ids("link-1") == [ids[2], ids[1]]
    assert await store.get("link-1") == record
    assert [r.id for r in await store.of_guest(3, active_at=15.0)] == ["link-1"]
    assert await store.of_guest(3, active_at=25.0) == []
    assert await store.revoke("link-1", 3, 16.0)
    assert not await store.revoke("link-1", 3, 17.0)
    assert await store.of_guest(3, active_at=16.5) == []
    assert len(await store.of_guest(3)) == 1
