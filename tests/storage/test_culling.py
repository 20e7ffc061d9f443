from __future__ import annotations

import numpy as np

from eventlens.services import Services
from eventlens.storage.enrolments import EnrolmentStore
from eventlens.storage.guests import GuestStore
from eventlens.storage.hidden_photos import HiddenPhotoStore
from eventlens.storage.pushes import PendingPush, PushStore
from eventlens.storage.share_links import ShareLinkRecord, ShareLinkStore

GUEST, OTHER, PHOTOGRAPHER = 3, 4, 9


async def test_a_photo_the_photographer_hides_leaves_every_guest_link_push_and_album(
    services: Services,
) -> None:
    event = await services.events.create("gig", "Gig", services.engine.pack.name)
    guests, links, pushes = (
        GuestStore(services.db),
        ShareLinkStore(services.db),
        PushStore(services.db),
    )
    ids = []
    for n in range(2):
        photo, _ = await services.photos.add(event.id, f"{n:064x}", f"{n}.jpg", 1, "b")
        ids.append(photo.id)
    for guest in (GUEST, OTHER):
        await guests.join(guest, event.id, "link")
        await links.add(ShareLinkRecord(f"l{guest}", guest, event.id, 1.0, 1e12, None), ids)
    await EnrolmentStore(services.db).enrol(GUEST, event.id, [np.ones(512, dtype=np.float32)])
    await pushes.add([PendingPush(GUEST, event.id, photo_id, 0.9) for photo_id in ids])

    assert await services.culling.hide(event.id, [ids[1]], PHOTOGRAPHER) == 1
    assert await services.culling.hide(event.id, [ids[1]], PHOTOGRAPHER) == 0

    for guest in (GUEST, OTHER):
        assert await links.photo_ids(f"l{guest}") == [ids[0]]
        assert await HiddenPhotoStore(services.db).hidden_from(guest, event.id) == {ids[1]}
    assert [queued.push.photo_id for queued in await pushes.pending()] == [ids[0]]
    await services.photos.remove(ids[1])
    assert await services.culling.hidden(event.id) == set()
