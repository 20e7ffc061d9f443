from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from eventlens.core.faces.calibration import thresholds_for
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.media.decode import decode_image


def test_a_sharp_face_needs_less_similarity_than_a_poor_one() -> None:
    rule = thresholds_for("buffalo_s")
    sharp, reliable, poor = rule.sure_for(1.0), rule.sure_for(0.35), rule.sure_for(0.1)
    assert sharp is not None and reliable is not None and poor is not None
    assert sharp < reliable < poor
    assert rule.maybe < sharp


def test_the_closest_look_alike_among_six_guests_is_never_sure(
    engine: FaceEngine, t1_path: Path
) -> None:
    """The six people of t1.jpg, each compared with everyone else: not one pair is `sure`."""
    faces = engine.analyze(decode_image(t1_path.read_bytes()))
    assert len(faces) == 6
    vectors = np.stack([face.embedding for face in faces])
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -1.0)
    first, second = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
    rule = thresholds_for("buffalo_s")
    easiest = rule.sure_for(min(faces[first].quality, faces[second].quality))
    assert easiest is not None
    assert float(similarity[first, second]) < easiest


def test_a_blurred_copy_of_a_guest_needs_more_than_a_sharp_one(
    engine: FaceEngine, t1_path: Path
) -> None:
    pixels = cv2.imread(str(t1_path))
    blurred = cv2.GaussianBlur(pixels, (0, 0), 3.0)
    ok, buffer = cv2.imencode(".jpg", blurred)
    assert ok
    sharp = max(engine.analyze(decode_image(t1_path.read_bytes())), key=lambda f: f.quality)
    soft = max(engine.analyze(decode_image(bytes(buffer))), key=lambda f: f.quality)
    rule = thresholds_for("buffalo_s")
    needed_sharp, needed_soft = rule.sure_for(sharp.quality), rule.sure_for(soft.quality)
    assert needed_sharp is not None
    assert needed_soft is None or needed_soft > needed_sharp
