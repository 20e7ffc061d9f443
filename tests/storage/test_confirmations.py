from __future__ import annotations

import numpy as np

from eventlens.services import Services
from eventlens.storage.confirmations import ConfirmationStore
from eventlens.storage.enrolments import EnrolmentStore
from eventlens.storage.guests import GuestStore
from eventlens.storage.photos import FaceRecord, face_id
from eventlens.storage.rejections import RejectionStore
from eventlens.storage.share_links import ShareLinkRecord, ShareLinkStore

GUEST = 3


def _unit(seed: int) -> np.ndarray:
    vector = np.random.default_rng(seed).normal(size=512).astype(np.float32)
    return vector / np.linalg.norm(vector)


async def test_a_confirmation_joins_live_links_and_the_followers_enrolment(
    services: Services,
) -> None:
    event = await services.events.create("gig", "Gig", services.engine.pack.name)
    await GuestStore(services.db).join(GUEST, event.id, "link")
    ids = []
    for n in range(3):
        photo, _ = await services.photos.add(event.id, f"{n:064x}", f"{n}.jpg", 1, "b")
        ids.append(photo.id)
    links = ShareLinkStore(services.db)
    await links.add(ShareLinkRecord("live", GUEST, event.id, 10.0, 1e12, None), [ids[0]])
    await links.add(ShareLinkRecord("revoked", GUEST, event.id, 10.0, 1e12, 11.0), [ids[0]])
    store, enrolments = ConfirmationStore(services.db), EnrolmentStore(services.db)
    selfie, face = _unit(1), _unit(2)
    record = FaceRecord(
        face_id(ids[2], 0),
        ids[2],
        event.id,
        0,
        (0, 0, 9, 9),
        np.zeros((5, 2), np.float32),
        0.9,
        90.0,
        80.0,
        0.9,
        face,
    )
    assert await services.photos.save_faces(ids[2], 100, 100, [record])
    await enrolments.enrol(GUEST, event.id, [selfie])

    assert await store.add(GUEST, event.id, ids[2], record.id)
    assert not await store.add(GUEST, event.id, ids[2], record.id)

    assert await links.photo_ids("live") == [ids[0], ids[2]]
    assert await links.photo_ids("revoked") == [ids[0]]
    (kept,) = await store.of_guest(GUEST, event.id)
    assert kept.photo_id == ids[2] and kept.embedding is not None
    assert np.allclose(kept.embedding, face), "read from the event's faces, not copied"
    followed = (await enrolments.of_followers(event.id))[GUEST]
    assert [np.allclose(v, w) for v, w in zip(followed, [selfie, face], strict=True)] == [True] * 2

    await RejectionStore(services.db).add(GUEST, event.id, ids[2], record.id, face)
    assert await store.of_guest(GUEST, event.id) == []
    assert await links.photo_ids("live") == [ids[0]]
