from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.engine import FaceEngine
from eventlens.core.media.decode import decode_image
from tests.conftest import jpeg


def test_finds_the_six_people_of_t1(engine: FaceEngine, t1_image: NDArray[np.uint8]) -> None:
    faces = engine.analyze(decode_image(jpeg(t1_image)))

    assert len(faces) == 6
    for face in faces:
        assert face.embedding.shape == (512,)
        assert abs(float(np.linalg.norm(face.embedding)) - 1.0) < 1e-4
        assert face.landmarks.shape == (5, 2)
        assert 0.5 <= face.det_score <= 1.0
        assert face.size_px > 50
        assert 0.0 < face.quality <= 1.0


def test_six_different_people_do_not_match_each_other(
    engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    faces = engine.analyze(decode_image(jpeg(t1_image)))
    vectors = np.stack([face.embedding for face in faces])
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, 0.0)
    assert similarity.max() < 0.3


def test_boxes_are_in_original_pixels_after_reduced_decoding(
    engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    import cv2

    big = cv2.resize(t1_image, None, fx=4.0, fy=4.0, interpolation=cv2.INTER_CUBIC)
    small_faces = engine.analyze(decode_image(jpeg(t1_image)))
    big_image = decode_image(jpeg(big))
    assert big_image.scale < 1.0  # decoded at reduced size
    big_faces = engine.analyze(big_image)
    assert len(big_faces) == 6
    small_left = sorted(face.box[0] for face in small_faces)
    big_left = sorted(face.box[0] for face in big_faces)
    assert np.allclose(np.array(big_left) / 4.0, small_left, atol=6.0)


def test_batched_embedding_matches_one_by_one(
    engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    image = decode_image(jpeg(t1_image))
    together = engine.analyze_many([image, image])
    alone = engine.analyze(image)
    assert len(together) == 2
    for batched, single in zip(together[1], alone, strict=True):
        assert float(batched.embedding @ single.embedding) > 0.999
