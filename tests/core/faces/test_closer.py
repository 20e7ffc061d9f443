"""Small faces of a camera-size photo: found by the closer look, missed without it."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from eventlens.core.faces.closer import wants_closer_look
from eventlens.core.faces.detection import DetectionPolicy
from eventlens.core.faces.engine import Face, FaceEngine
from eventlens.core.media.decode import decode_image
from tests.conftest import jpeg

SMALL_AT = (3400, 2400)  # where the copy of t1 with ~28-px faces sits


@pytest.fixture(scope="module")
def crowd(t1_image: NDArray[np.uint8]) -> bytes:
    """A 24-MP photo: t1's six people at ~100 px near the top, again at ~28 px lower down."""
    rng = np.random.default_rng(3)
    canvas = np.full((4000, 6000, 3), 120, dtype=np.uint8)
    canvas += rng.integers(0, 12, canvas.shape, dtype=np.uint8)
    near = cv2.resize(t1_image, None, fx=1.1, fy=1.1, interpolation=cv2.INTER_AREA)
    far = cv2.resize(t1_image, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    canvas[200 : 200 + near.shape[0], 300 : 300 + near.shape[1]] = near
    x, y = SMALL_AT
    canvas[y : y + far.shape[0], x : x + far.shape[1]] = far
    return jpeg(np.asarray(canvas, dtype=np.uint8))


def _far(faces: list[Face]) -> list[Face]:
    x, y = SMALL_AT
    return [face for face in faces if face.box[0] >= x - 20 and face.box[1] >= y - 20]


def test_the_small_faces_of_a_big_photo_are_found(engine: FaceEngine, crowd: bytes) -> None:
    faces = engine.analyze(decode_image(crowd))
    far = _far(faces)
    assert len(far) >= 5
    assert all(18 <= face.size_px <= 45 for face in far)  # boxes in original pixels


def test_without_the_closer_look_they_are_missed(engine: FaceEngine, crowd: bytes) -> None:
    first_pass = FaceEngine(
        engine.pack, ["CPUExecutionProvider"], policy=DetectionPolicy(closer=False)
    )
    assert _far(first_pass.analyze(decode_image(crowd))) == []


def test_a_photo_of_large_faces_gets_no_closer_look(
    engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    big = cv2.resize(t1_image, None, fx=4.0, fy=4.0, interpolation=cv2.INTER_CUBIC)
    image = decode_image(jpeg(big))
    assert image.sharper is not None  # the file holds more pixels, but no face needs them
    assert not wants_closer_look(engine.detect(image))
