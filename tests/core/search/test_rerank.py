from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.calibration import Thresholds, thresholds_for
from eventlens.core.faces.engine import Face, FaceEngine
from eventlens.core.media.decode import decode_image
from eventlens.core.search.hits import Hit
from eventlens.core.search.rerank import vouched
from tests.conftest import jpeg


def _faces(engine: FaceEngine, image: NDArray[np.uint8]) -> list[Face]:
    return sorted(engine.analyze(decode_image(jpeg(image))), key=lambda face: face.box[0])


def _hits(seed: Face, faces: list[Face], photo: str, thresholds: Thresholds) -> list[Hit]:
    """What the event's collection answers a seed: its neighbours above `maybe`."""
    return [
        Hit(f"{photo}/{i}", photo, face.quality, float(seed.embedding @ face.embedding))
        for i, face in enumerate(faces)
        if float(seed.embedding @ face.embedding) >= thresholds.maybe
    ]


def test_a_face_two_sure_faces_find_is_vouched_for_and_a_stranger_is_not(
    engine: FaceEngine, t1_path: Path
) -> None:
    t1 = cv2.imread(str(t1_path))
    first = _faces(engine, np.asarray(t1, dtype=np.uint8))
    darker = _faces(engine, np.asarray(cv2.convertScaleAbs(t1, alpha=0.7, beta=-20), np.uint8))
    blurred = _faces(engine, np.asarray(cv2.GaussianBlur(t1, (0, 0), 1.5), np.uint8))
    assert len(first) == len(darker) == len(blurred) == 6
    rule = thresholds_for("buffalo_s")
    seeds = (first[0], darker[0])  # the guest, in two event photos

    found = vouched([_hits(seed, blurred, "third", rule) for seed in seeds], set(), rule)

    assert [face.face_id for face in found] == ["third/0"]  # the guest; none of the five others
    assert found[0].score == min(float(seed.embedding @ blurred[0].embedding) for seed in seeds)


def test_one_seed_alone_vouches_for_nothing(engine: FaceEngine, t1_path: Path) -> None:
    t1 = np.asarray(cv2.imread(str(t1_path)), dtype=np.uint8)
    faces = _faces(engine, t1)
    mirrored = _faces(engine, np.ascontiguousarray(t1[:, ::-1]))
    rule = thresholds_for("buffalo_s")

    assert vouched([_hits(faces[0], mirrored, "other", rule)], set(), rule) == []
