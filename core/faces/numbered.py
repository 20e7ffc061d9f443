"""A selfie with its faces boxed and numbered, for "which one are you?".

Numbers run left to right, so the picture and the keyboard under it read the
same way; only the largest few faces are offered (a crowd in the background
is not a choice anyone means).
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from eventlens.core.faces.engine import Face
from eventlens.core.media.decode import decode_image

MAX_CHOICES = 10
LONG_SIDE = 1280
_BOX = (0, 200, 255)  # amber, BGR
_INK = (0, 0, 0)


def choices(faces: Sequence[Face]) -> list[Face]:
    """The faces a guest may pick from, numbered 1.. in this order (left to right)."""
    largest = sorted(faces, key=lambda face: face.size_px, reverse=True)[:MAX_CHOICES]
    return sorted(largest, key=lambda face: face.box[0])


def numbered_image(data: bytes, faces: Sequence[Face]) -> bytes:
    """JPEG of the photo with `faces[i]` boxed and labelled `i + 1`."""
    image = decode_image(data, target_long_side=LONG_SIDE)
    pixels = np.ascontiguousarray(image.pixels)
    scale = image.scale
    height, width = pixels.shape[:2]
    if max(height, width) > LONG_SIDE:
        ratio = LONG_SIDE / max(height, width)
        pixels = np.asarray(
            cv2.resize(pixels, None, fx=ratio, fy=ratio, interpolation=cv2.INTER_AREA),
            dtype=np.uint8,
        )
        scale *= ratio
    thickness = max(2, round(max(pixels.shape[:2]) / 400))
    for number, face in enumerate(faces, start=1):
        x1, y1, x2, y2 = (round(value * scale) for value in face.box)
        cv2.rectangle(pixels, (x1, y1), (x2, y2), _BOX, thickness)
        radius = max(14, round(0.22 * (x2 - x1)))
        centre = (x1 + radius // 2, max(radius, y1 - radius // 2))
        cv2.circle(pixels, centre, radius, _BOX, cv2.FILLED)
        label = str(number)
        font_scale = radius / 18
        (text_w, text_h), _ = cv2.getTextSize(
            label, cv2.FONT_HERSHEY_SIMPLEX, font_scale, thickness
        )
        origin = (centre[0] - text_w // 2, centre[1] + text_h // 2)
        cv2.putText(
            pixels,
            label,
            origin,
            cv2.FONT_HERSHEY_SIMPLEX,
            font_scale,
            _INK,
            thickness,
            cv2.LINE_AA,
        )
    ok, buffer = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, 88])
    if not ok:
        raise ValueError("could not encode the numbered image")
    return bytes(buffer)
