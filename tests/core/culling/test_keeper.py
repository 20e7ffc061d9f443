"""Bursts and duplicates, grouped as photos are indexed and folded in a guest's album."""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.culling.album_order import verdicts
from eventlens.core.culling.bursts import Pick, best_first
from eventlens.core.search.album import Album
from eventlens.services import Services
from tests.core.culling.frames import jpeg_taken

TAKEN = "2026:06:01 14:03:07"


async def _index(services: Services, event_id: str, files: dict[str, bytes]) -> dict[str, str]:
    ids = {}
    for name, data in files.items():
        result = await services.indexer.ingest(event_id, name, data, "b1")
        assert result.photo_id is not None
        ids[name] = result.photo_id
    await services.indexer.work(lambda: True, event_id=event_id)
    return ids


async def test_a_burst_of_six_frames_is_one_group_led_by_the_sharp_one(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    event = await services.events.create("burst", "Burst", "buffalo_s")
    height, width = t1_image.shape[:2]
    frames = {"f0.jpg": jpeg_taken(t1_image, TAKEN)}
    for sigma in range(1, 6):  # the same moment, more and more out of focus, a little moved
        moved = cv2.warpAffine(t1_image, np.float32([[1, 0, sigma], [0, 1, 0]]), (width, height))
        frames[f"f{sigma}.jpg"] = jpeg_taken(cv2.GaussianBlur(moved, (0, 0), sigma * 0.8), TAKEN)
    unrelated = cv2.flip(t1_image, 0)  # another picture taken at the same second
    frames["other.jpg"] = jpeg_taken(unrelated, TAKEN)

    ids = await _index(services, event.id, frames)

    rows = await services.culling.of_photos(list(ids.values()))
    burst = {rows[ids[f"f{n}.jpg"]].group_id for n in range(6)}
    assert len(burst) == 1
    assert rows[ids["other.jpg"]].group_id not in burst
    picks = [Pick(ids[f"f{n}.jpg"], False, rows[ids[f"f{n}.jpg"]].sharpness) for n in range(6)]
    assert best_first(picks)[0].photo_id == ids["f0.jpg"]


async def test_a_near_duplicate_never_appears_twice_in_an_album(
    services: Services, t1_image: NDArray[np.uint8]
) -> None:
    event = await services.events.create("dupes", "Dupes", "buffalo_s")
    smaller = cv2.resize(t1_image, None, fx=0.8, fy=0.8, interpolation=cv2.INTER_AREA)
    ids = await _index(
        services,
        event.id,
        {"a.jpg": jpeg_taken(t1_image, None), "a-export.jpg": jpeg_taken(smaller, None, 80)},
    )
    face = await services.db.fetch_one(
        "SELECT embedding FROM faces WHERE photo_id = ? ORDER BY face_index", (ids["a.jpg"],)
    )
    assert face is not None
    embedding = np.frombuffer(face["embedding"], dtype=np.float32)

    album = await services.guest_search.album(event.id, [embedding])

    assert len(album.photo_ids) == 1
    (shown,) = album.photo_ids
    assert [match.photo_id for match in album.similar_to(shown)] == [
        other for other in ids.values() if other != shown
    ]
    plain = Album.of([*album.sure, *album.similar_to(shown)])
    assert len(plain.photo_ids) == 2  # without verdicts both would show
    found = await verdicts(services.culling, [*album.sure, *album.similar_to(shown)])
    assert len({found.group(match) for match in plain.sure}) == 1
