"""Names, merges and split-out faces survive new photos and a full re-clustering.

The faces are real (the bundled t1.jpg's six people, detected once per variant);
the hundred later photos repeat those detections under new photo ids, each
embedding nudged by a little noise as a second detection of a similar shot would be.
"""

from __future__ import annotations

import asyncio
import dataclasses
import uuid

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from eventlens.core.faces.calibration import Thresholds
from eventlens.core.faces.engine import Face, FaceEngine
from eventlens.core.ingest.indexer import face_records, upsert_faces
from eventlens.core.media.decode import decode_image
from eventlens.core.people.clusters import recluster
from eventlens.core.people.incremental import IncrementalPeople
from eventlens.core.refusals import Refusal
from eventlens.services import Services
from eventlens.storage.events import Event
from tests.conftest import jpeg

# Stricter than any same-person pair of these variants: every new face starts a person.
NOTHING_JOINS = Thresholds(sure=0.999, maybe=0.99)


@pytest.fixture(scope="module")
def detected(engine: FaceEngine, t1_image: NDArray[np.uint8]) -> dict[str, list[Face]]:
    variants = {
        "original": t1_image,
        "evening": np.asarray(cv2.convertScaleAbs(t1_image, alpha=0.7, beta=-10), np.uint8),
        "mirrored": np.ascontiguousarray(t1_image[:, ::-1]),
    }
    return {name: engine.analyze(decode_image(jpeg(image))) for name, image in variants.items()}


def _nudged(faces: list[Face], seed: int) -> list[Face]:
    noise = np.random.default_rng(seed)
    nudged = []
    for face in faces:
        vector = face.embedding + noise.normal(0, 0.01, face.embedding.shape).astype(np.float32)
        nudged.append(dataclasses.replace(face, embedding=vector / np.linalg.norm(vector)))
    return nudged


async def _add(services: Services, event: Event, source: str, faces: list[Face]) -> str:
    """A photo indexed with already detected faces (rows and vectors, as the indexer writes)."""
    photo, _ = await services.photos.add(event.id, uuid.uuid4().hex, source, 1, "b1")
    records = face_records(photo.id, event.id, faces)
    await services.photos.save_faces(photo.id, 640, 480, records)
    await asyncio.to_thread(upsert_faces, services.vectors, event.id, records)
    return photo.id


async def _members(services: Services, person_id: str) -> set[str]:
    return {face for face, _ in (await services.people.members([person_id]))[person_id]}


async def _named(services: Services, event: Event, name: str) -> str:
    (person,) = [p for p in await services.people.of_event(event.id) if p.name == name]
    return person.id


async def test_a_named_merged_person_keeps_name_and_members(
    services: Services, detected: dict[str, list[Face]]
) -> None:
    event = await services.events.create("wedding", "Wedding", "buffalo_s")
    for name in ("original", "evening"):
        await _add(services, event, name, detected[name])
    await recluster(services.photos, services.people, event.id, services.thresholds)
    # The mirrored shot comes in while nothing may join: its six faces start six people,
    # the same six as before, which the photographer then merges back.
    await _add(services, event, "mirrored", detected["mirrored"])
    strict = IncrementalPeople(services.photos, services.people, services.vectors, NOTHING_JOINS)
    await strict.place_new(event.id)
    listed = await services.people.of_event(event.id)
    assert [p.photo_count for p in listed] == [2] * 6 + [1] * 6
    fixes = services.corrections
    await fixes.name(event.id, 1, "  Bride ")
    bride = await _named(services, event, "Bride")
    first_face = sorted(await _members(services, bride))[0]
    owners = await services.people.of_faces([first_face])
    twin = next(
        number
        for number, person in enumerate(listed, start=1)
        if person.photo_count == 1
        and float(person.centroid @ listed[0].centroid) > services.thresholds.sure
    )
    assert owners[first_face] == bride
    anchors = await _members(services, listed[twin - 1].id) | {listed[0].best_face_id}
    merged = await fixes.merge(event.id, 1, twin)
    assert merged.person.name == "Bride" and merged.person.photo_count == 3
    before = await _members(services, bride)

    incremental = IncrementalPeople(
        services.photos, services.people, services.vectors, services.thresholds
    )
    for copy in range(100):
        await _add(services, event, f"copy{copy}", _nudged(detected["original"], copy))
    assert await incremental.place_new(event.id) == 100 * len(detected["original"])
    assert await _named(services, event, "Bride") == bride
    grown = await _members(services, bride)
    assert before <= grown and len(grown) == len(before) + 100

    await recluster(services.photos, services.people, event.id, services.thresholds)
    assert await _named(services, event, "Bride") == bride
    assert await _members(services, bride) == grown
    # Even a re-clustering that would link nothing by similarity keeps the merge.
    await recluster(services.photos, services.people, event.id, NOTHING_JOINS)
    assert await _named(services, event, "Bride") == bride
    assert anchors <= await _members(services, bride)


async def test_a_split_face_never_rejoins_its_old_person(
    services: Services, detected: dict[str, list[Face]]
) -> None:
    event = await services.events.create("party", "Party", "buffalo_s")
    added = {name: await _add(services, event, name, detected[name]) for name in detected}
    await recluster(services.photos, services.people, event.id, services.thresholds)
    fixes = services.corrections
    await fixes.name(event.id, 1, "Groom")
    faces = await fixes.faces(event.id, 1)
    assert len(faces) == 3
    # The photographer takes out the mirrored shot's face, the odd one of the three.
    (odd,) = [n for n, face in enumerate(faces, 1) if face.photo_id == added["mirrored"]]
    assert await fixes.split(event.id, 1, [odd]) == 1
    wrong = faces[odd - 1].id
    groom = await _named(services, event, "Groom")
    assert wrong not in await _members(services, groom)

    incremental = IncrementalPeople(
        services.photos, services.people, services.vectors, services.thresholds
    )
    for copy in range(5):
        await _add(services, event, f"copy{copy}", _nudged(detected["original"], copy))
    await incremental.place_new(event.id)
    assert wrong not in await _members(services, groom)
    await recluster(services.photos, services.people, event.id, services.thresholds)
    assert await _named(services, event, "Groom") == groom
    assert wrong not in await _members(services, groom)
    assert len(await _members(services, groom)) >= 2 + 5


async def test_corrections_refuse_unknown_numbers_and_empty_names(
    services: Services, detected: dict[str, list[Face]]
) -> None:
    event = await services.events.create("gala", "Gala", "buffalo_s")
    await _add(services, event, "original", detected["original"])
    await recluster(services.photos, services.people, event.id, services.thresholds)
    with pytest.raises(Refusal, match="no person #99"):
        await services.corrections.name(event.id, 99, "Bride")
    with pytest.raises(Refusal, match="1 to 40 characters"):
        await services.corrections.name(event.id, 1, "   ")
    with pytest.raises(Refusal, match="has no face #2"):
        await services.corrections.split(event.id, 1, [2])
