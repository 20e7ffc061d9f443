"""Turn a selfie into query embeddings, or explain why it cannot be used."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.errors import ManyFacesError, NoFaceError
from eventlens.core.faces.engine import Face, FaceEngine, align
from eventlens.core.media.decode import DecodedImage, decode_image

# A face this much larger than the next one is the selfie's subject.
DOMINANCE = 1.6


def faces_in_selfie(engine: FaceEngine, data: bytes) -> list[Face]:
    """Detect faces; a tight crop is retried with a border (detectors need context)."""
    image = decode_image(data)
    faces = engine.analyze(image)
    if not faces:
        faces = engine.analyze(_padded(image))
        faces = [_unpad(face, image) for face in faces]
    return faces


def selfie_embedding(engine: FaceEngine, data: bytes) -> NDArray[np.float32]:
    """The subject's embedding averaged with its mirror image's.

    Test-time flipping costs one extra recogniser call per selfie and evens out a
    head turned to one side (the event may have caught the other side).
    """
    image = decode_image(data)
    faces = engine.analyze(image)
    if not faces:
        image = _padded(image)
        faces = engine.analyze(image)
    face = subject(faces)
    crop = align(image.pixels, face.landmarks * np.float32(image.scale))
    mirrored = engine.embed([np.ascontiguousarray(crop[:, ::-1])])[0]
    both = face.embedding + mirrored
    return np.asarray(both / max(float(np.linalg.norm(both)), 1e-12), dtype=np.float32)


def subject(faces: Sequence[Face]) -> Face:
    if not faces:
        raise NoFaceError()
    ranked = sorted(faces, key=lambda face: face.size_px, reverse=True)
    if len(ranked) == 1 or ranked[0].size_px >= DOMINANCE * ranked[1].size_px:
        return ranked[0]
    raise ManyFacesError(len(ranked))


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
    return Face(
        box=(x1 - pad, y1 - pad, x2 - pad, y2 - pad),
        landmarks=(face.landmarks - np.float32(pad)).astype(np.float32),
        det_score=face.det_score,
        size_px=face.size_px,
        sharpness=face.sharpness,
        quality=face.quality,
        embedding=face.embedding,
    )
