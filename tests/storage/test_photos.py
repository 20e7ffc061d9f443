"""A face's outfit survives storage (float16, within what likeness needs); none stays none."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from eventlens.core.faces.outfit import OUTFIT_SIZE
from eventlens.services import Services
from eventlens.storage.photos import FaceRecord, face_id


async def test_outfits_are_kept_with_their_faces(services: Services) -> None:
    event = await services.events.create("gig", "Gig", services.engine.pack.name)
    photo, _ = await services.photos.add(event.id, "a" * 64, "a.jpg", 1, "b")
    rng = np.random.default_rng(5)
    outfit = np.sqrt(rng.dirichlet(np.ones(OUTFIT_SIZE))).astype(np.float32)
    dressed = FaceRecord(
        face_id(photo.id, 0),
        photo.id,
        event.id,
        0,
        (0, 0, 9, 9),
        np.zeros((5, 2), np.float32),
        0.9,
        90.0,
        80.0,
        0.9,
        np.ones(512, np.float32) / np.sqrt(512),
        outfit,
    )
    at_the_edge = replace(dressed, id=face_id(photo.id, 1), face_index=1, outfit=None)
    assert await services.photos.save_faces(photo.id, 100, 100, [dressed, at_the_edge])

    kept = await services.photos.faces([dressed.id, at_the_edge.id])
    stored = kept[dressed.id].outfit
    assert stored is not None and stored.dtype == np.float32
    assert abs(float(stored @ outfit) - 1.0) < 1e-3
    assert kept[at_the_edge.id].outfit is None
