"""A selfie -> the faces to search with: the one function every front door uses.

The bot (a guest's selfie), the CLI (`eventlens find`) and the benches all turn a
selfie into query faces here, so an album cannot depend on the door it came in
by. Each face keeps the recogniser's own embedding: averaging it with the mirror
image's (test-time flipping) was measured on `bench.accuracy` and found no photo
more, for one false positive and one more recogniser call per face.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import cv2
import numpy as np

from eventlens.core.errors import ManyFacesError, NoFaceError
from eventlens.core.faces.engine import Face, FaceEngine
from eventlens.core.faces.quality import GOOD_SHARPNESS, yaw
from eventlens.core.media.decode import DecodedImage, decode_image
from eventlens.core.reasons import Code

# A face this much larger than the next one is the selfie's subject.
DOMINANCE = 1.6
# A selfie is poor below any of these (calibrated on `bench.accuracy --hard`:
# the blurred and turned selfies fall under them, the sharp ones do not).
SELFIE_FACE_PX = 90.0
SELFIE_SHARPNESS = 0.5 * GOOD_SHARPNESS
SELFIE_YAW = 0.25
SELFIE_DETECTION = 0.5


def faces_in_selfie(engine: FaceEngine, data: bytes) -> list[Face]:
    """Detect faces; a tight crop is retried with a border (detectors need context)."""
    image = decode_image(data)
    faces = engine.analyze_selfie(image)
    if not faces:
        faces = engine.analyze_selfie(_padded(image))
        faces = [_unpad(face, image) for face in faces]
    return faces


def subject(faces: Sequence[Face]) -> Face:
    """The selfie's subject: the only face, or one clearly larger than the rest."""
    if not faces:
        raise NoFaceError()
    ranked = sorted(faces, key=lambda face: face.size_px, reverse=True)
    if len(ranked) == 1 or ranked[0].size_px >= DOMINANCE * ranked[1].size_px:
        return ranked[0]
    raise ManyFacesError(len(ranked))


def advice(face: Face, sure: int, maybe: int) -> Code | None:
    """Why another selfie would pay, if it would: the selfie first, then the album."""
    if (
        face.size_px < SELFIE_FACE_PX
        or face.sharpness < SELFIE_SHARPNESS
        or yaw(face.landmarks) > SELFIE_YAW
        or face.det_score < SELFIE_DETECTION
    ):
        return Code.SELFIE_POOR
    if maybe > sure:
        return Code.MORE_POSSIBLE_THAN_SURE
    return None


def _padded(image: DecodedImage) -> DecodedImage:
    height, width = image.pixels.shape[:2]
    pad = max(height, width) // 2
    pixels = cv2.copyMakeBorder(image.pixels, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0)
    border = 2 * pad / image.scale  # in original pixels, so the scale is unchanged
    return DecodedImage(
        np.asarray(pixels, dtype=np.uint8),
        round(image.original_width + border),
        round(image.original_height + border),
        image.format,
    )


def _unpad(face: Face, image: DecodedImage) -> Face:
    """Faces found on the padded canvas keep their embedding; the box moves back."""
    height, width = image.pixels.shape[:2]
    pad = max(height, width) // 2 / image.scale
    x1, y1, x2, y2 = face.box
    return dataclasses.replace(
        face,
        box=(x1 - pad, y1 - pad, x2 - pad, y2 - pad),
        landmarks=(face.landmarks - np.float32(pad)).astype(np.float32),
    )
