from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.numbered import MAX_CHOICES, choices, numbered_image
from eventlens.core.media.decode import decode_image
from tests.conftest import jpeg


def test_faces_are_numbered_left_to_right_on_the_picture(
    engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    data = jpeg(t1_image)
    faces = choices(engine.analyze(decode_image(data)))

    picture = cv2.imdecode(np.frombuffer(numbered_image(data, faces), np.uint8), cv2.IMREAD_COLOR)

    assert len(faces) == 6
    assert [face.box[0] for face in faces] == sorted(face.box[0] for face in faces)
    assert picture.shape == t1_image.shape
    amber = (picture[:, :, 2] > 230) & (picture[:, :, 1] > 180) & (picture[:, :, 0] < 40)
    for face in faces:  # every face's box outline is drawn in amber
        x1, y1, _, y2 = (round(v) for v in face.box)
        y_mid = min(max((y1 + y2) // 2, 0), picture.shape[0] - 1)
        left = max(x1 - 3, 0)
        assert amber[y_mid, left : x1 + 4].any()


def test_a_crowd_offers_only_the_largest_faces(
    engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    crowd = np.hstack([t1_image, t1_image])
    faces = engine.analyze(decode_image(jpeg(crowd)))
    # Weak candidates are kept with a low quality score; the twelve people are confident.
    assert sum(face.det_score >= 0.5 for face in faces) == 12
    assert len(choices(faces)) == MAX_CHOICES
