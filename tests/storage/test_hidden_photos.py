from __future__ import annotations

from eventlens.services import Services
from eventlens.storage.guests import GuestStore
from eventlens.storage.hidden_photos import HiddenPhotoStore
from eventlens.storage.share_links import ShareLinkRecord, ShareLinkStore

HIDER, OTHER = 3, 4


async def test_a_hidden_photo_leaves_other_guests_links_but_not_the_hiders(
    services: Services,
) -> None:
    event = await services.events.create("gig", "Gig", services.engine.pack.name)
    guests, links = GuestStore(services.db), ShareLinkStore(services.db)
    ids = []
    for n in range(2):
        photo, _ = await services.photos.add(event.id, f"{n:064x}", f"{n}.jpg", 1, "b")
        ids.append(photo.id)
    for guest in (HIDER, OTHER):
        await guests.join(guest, event.id, "link")
        await links.add(ShareLinkRecord(f"l{guest}", guest, event.id, 1.0, 1e12, None), ids)
    store = HiddenPhotoStore(services.db)
    assert not await store.allowed(event.id)
    await store.allow(event.id, True)
    assert await store.allowed(event.id)

    await store.hide(HIDER, event.id, ids[1])

    assert await links.photo_ids(f"l{OTHER}") == [ids[0]]
    assert await links.photo_ids(f"l{HIDER}") == ids
    assert await store.hidden_from(OTHER, event.id) == {ids[1]}
    assert await store.hidden_from(HIDER, event.id) == set()
    (listed,) = await store.of_event(event.id)
    assert (listed.photo_id, listed.source) == (ids[1], "1.jpg")
    await store.allow(event.id, False)
    assert not await store.allowed(event.id)
    assert await store.hidden_from(OTHER, event.id) == {ids[1]}, "earlier hides stay"
    assert await guests.forget(HIDER)
    assert await store.hidden_from(OTHER, event.id) == set()
