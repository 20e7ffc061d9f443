"""The outfit cue on t1.jpg's six real people, each seen again in a second, smaller,
brighter photo: the same clothes promote a `maybe`, other clothes, a face too far
from the guest and a photo where two people dress alike do not."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from eventlens.core.faces.calibration import thresholds_for
from eventlens.core.faces.engine import Face, FaceEngine
from eventlens.core.faces.outfit import describe
from eventlens.core.media.decode import decode_image
from eventlens.core.search.outfits import Worn, dressed_alike
from tests.conftest import jpeg

RULE = thresholds_for("buffalo_s")


@pytest.fixture(scope="module")
def party(engine: FaceEngine, t1_image: NDArray[np.uint8]) -> list[Face]:
    faces = engine.analyze(decode_image(jpeg(t1_image)))
    return sorted(faces, key=lambda face: face.box[0])


@pytest.fixture(scope="module")
def later(party: list[Face], t1_image: NDArray[np.uint8]) -> list[Worn]:
    """The same six people in a later photo: half the size, 15% brighter."""
    small = cv2.resize(t1_image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    brighter = np.clip(small.astype(np.float32) * 1.15 + 10, 0, 255).astype(np.uint8)
    return [
        Worn(f"later-{i}", "later", describe(brighter, tuple(v / 2 for v in face.box)))
        for i, face in enumerate(party)
    ]


def _seed(party: list[Face], person: int) -> Worn:
    return Worn(f"party-{person}", "party", party[person].outfit, 0.6)


def _promoted(maybe: Worn, score: float, seed: Worn, photo: list[Worn]) -> set[str]:
    worn = Worn(maybe.face_id, maybe.photo_id, maybe.outfit, score)
    return dressed_alike([worn], [seed], {"later": photo}, RULE.outfit, RULE.outfit_face)


def test_the_outfit_cue_is_on_for_buffalo_s() -> None:
    assert RULE.outfit > 0 and RULE.outfit_face >= RULE.maybe


@pytest.mark.parametrize("person", range(6))
def test_a_maybe_in_the_guests_outfit_is_promoted(
    party: list[Face], later: list[Worn], person: int
) -> None:
    plausible = RULE.outfit_face + 0.01
    assert _promoted(later[person], plausible, _seed(party, person), later) == {f"later-{person}"}


@pytest.mark.parametrize("person", range(6))
def test_a_maybe_in_other_clothes_is_left_alone(
    party: list[Face], later: list[Worn], person: int
) -> None:
    plausible = RULE.outfit_face + 0.01
    for other in range(6):
        if other != person:
            assert _promoted(later[other], plausible, _seed(party, person), later) == set()


def test_a_look_alike_in_the_guests_outfit_is_not_promoted_on_a_poor_face_score(
    engine: FaceEngine, party: list[Face], later: list[Worn]
) -> None:
    # the closest two of t1's different people are still far below a plausible face score
    similarity = np.stack([f.embedding for f in party]) @ np.stack([f.embedding for f in party]).T
    np.fill_diagonal(similarity, -1.0)
    look_alike_score = float(similarity.max())
    assert look_alike_score < RULE.outfit_face
    assert _promoted(later[0], look_alike_score, _seed(party, 0), later) == set()


def test_two_people_dressed_alike_leave_the_cue_off(party: list[Face], later: list[Worn]) -> None:
    twin = Worn("later-twin", "later", later[0].outfit)  # a second person in the same uniform
    plausible = RULE.outfit_face + 0.01
    assert _promoted(later[0], plausible, _seed(party, 0), [*later, twin]) == set()


def test_a_face_at_the_bottom_edge_has_no_outfit(
    engine: FaceEngine, t1_image: NDArray[np.uint8], party: list[Face]
) -> None:
    bottom = int(max(face.box[3] for face in party)) + 4
    cropped = np.ascontiguousarray(t1_image[:bottom])
    faces = engine.analyze(decode_image(jpeg(cropped)))
    lowest = max(faces, key=lambda face: face.box[3])
    assert lowest.outfit is None
