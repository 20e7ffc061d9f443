from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.cli.index import index_paths, open_event
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.quality import RELIABLE_QUALITY
from eventlens.core.ingest.indexer import face_records
from eventlens.core.media.decode import decode_image
from eventlens.core.people.clusters import cluster
from eventlens.core.people.contact_sheet import contact_sheet
from eventlens.core.search.matches import search
from eventlens.services import Services
from eventlens.storage.photos import FaceRecord
from tests.conftest import jpeg


def _records(engine: FaceEngine, photos: dict[str, NDArray[np.uint8]]) -> list[FaceRecord]:
    records = []
    for name, pixels in photos.items():
        records += face_records(name, "event", engine.analyze(decode_image(jpeg(pixels))))
    return records


def _variants(t1: NDArray[np.uint8]) -> dict[str, NDArray[np.uint8]]:
    """Three photos of the same six people, and one showing each of them twice."""
    return {
        "original": t1,
        "mirrored": np.ascontiguousarray(t1[:, ::-1]),
        "evening": np.asarray(cv2.convertScaleAbs(t1, alpha=0.7, beta=-10), dtype=np.uint8),
        "twice": np.ascontiguousarray(np.hstack([t1, t1])),
    }


def test_each_person_is_one_cluster_and_never_twice_in_a_photo(
    engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    faces = _records(engine, _variants(t1_image))
    reliable = [face for face in faces if face.quality >= RELIABLE_QUALITY]
    assert len(reliable) == 30
    groups = cluster(faces, link=0.4)
    for members in groups:
        photos = [faces[i].photo_id for i in members]
        assert len(photos) == len(set(photos)), "two faces of one photo in one person"
    # The six people show up in four photos each; 'twice' holds each a second time,
    # which can only stay apart: six clusters of four, the rest alone.
    assert sorted(len(members) for members in groups if len(members) > 1) == [4] * 6
    assert len(groups) == 6 + (len(faces) - 24)


async def test_people_are_stored_after_indexing_and_drawn_on_a_contact_sheet(
    services: Services, t1_image: NDArray[np.uint8], tmp_path: Path
) -> None:
    for name, pixels in _variants(t1_image).items():
        (tmp_path / f"{name}.jpg").write_bytes(jpeg(pixels))
    event = await open_event(services, "party")
    await index_paths(services, event, [str(tmp_path)])

    people = await services.people.of_event(event.id)
    assert [person.photo_count for person in people[:6]] == [4] * 6
    assert all(person.cohesion > 0.5 for person in people[:6])
    sheet = await contact_sheet(services.people, services.photos, services.blobs, event.id)
    assert sheet is not None
    image = cv2.imdecode(np.frombuffer(sheet, dtype=np.uint8), cv2.IMREAD_COLOR)
    assert image is not None and image.shape[1] == 6 * 160


async def test_a_photo_is_returned_once_even_with_the_guest_in_it_twice(
    services: Services, engine: FaceEngine, t1_image: NDArray[np.uint8], tmp_path: Path
) -> None:
    for name, pixels in _variants(t1_image).items():
        (tmp_path / f"{name}.jpg").write_bytes(jpeg(pixels))
    event = await open_event(services, "party")
    await index_paths(services, event, [str(tmp_path)])
    guest = engine.analyze(decode_image(jpeg(t1_image)))[0].embedding

    matches = await search(
        services.vectors, services.photos, services.people, event.id, [guest], services.thresholds
    )

    photo_ids = [match.photo_id for match in matches]
    assert len(photo_ids) == len(set(photo_ids)) == 4
    assert all(match.tier == "sure" for match in matches)
