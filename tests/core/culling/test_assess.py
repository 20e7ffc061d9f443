from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from eventlens.core.culling.assess import Assessor
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.eyes import LandmarkModel
from eventlens.core.media.decode import decode_image
from tests.conftest import jpeg
from tests.core.culling.frames import blur_box, shut_eyes


def _landmarks(engine: FaceEngine) -> LandmarkModel:
    assert engine.pack.landmarks is not None
    return LandmarkModel(engine.pack.landmarks, ["CPUExecutionProvider"])


def test_the_six_open_sharp_faces_of_a_group_photo_pass(
    engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    image = decode_image(jpeg(t1_image))
    faces = engine.analyze(image)

    assessment = Assessor(_landmarks(engine)).assess(image, faces, None)

    assert len(assessment.faces) == 6
    assert [verdict.flawed for verdict in assessment.faces] == [False] * 6
    assert not assessment.measures.blurred and not assessment.measures.badly_exposed


def test_a_face_with_closed_eyes_and_a_blurred_face_are_flagged(
    engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    model = _landmarks(engine)
    faces = engine.analyze(decode_image(jpeg(t1_image)))
    closed, blurred = faces[0].box, faces[1].box
    edited = blur_box(shut_eyes(t1_image, closed, model), blurred)
    image = decode_image(jpeg(edited))
    found = engine.analyze(image)

    verdicts = Assessor(model).assess(image, found, None).faces

    def at(box: tuple[float, float, float, float]) -> int:
        centres = [((f.box[0] + f.box[2]) / 2, (f.box[1] + f.box[3]) / 2) for f in found]
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        return int(np.argmin([(cx - x) ** 2 + (cy - y) ** 2 for cx, cy in centres]))

    assert verdicts[at(closed)].eyes_closed
    assert verdicts[at(blurred)].blurred
    others = [v for v in verdicts if v.index not in {at(closed), at(blurred)}]
    assert len(others) == 4 and not any(v.flawed for v in others)


def test_a_blurred_photo_scores_far_less_sharp(
    engine: FaceEngine, t1_image: NDArray[np.uint8]
) -> None:
    import cv2

    sharp = Assessor(None).assess(decode_image(jpeg(t1_image)), [], None).measures
    soft = (
        Assessor(None)
        .assess(decode_image(jpeg(cv2.GaussianBlur(t1_image, (0, 0), 4))), [], None)
        .measures
    )

    assert soft.blurred and not sharp.blurred
    assert soft.sharpness < sharp.sharpness / 4
