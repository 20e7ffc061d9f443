"""Photos for the culling tests, made from insightface's group photo of six people."""

from __future__ import annotations

import io

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image

from eventlens.core.faces.eyes import LEFT_EYE, RIGHT_EYE, LandmarkModel

_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 0x9003


def jpeg_taken(image: NDArray[np.uint8], taken: str | None, quality: int = 92) -> bytes:
    """JPEG bytes with EXIF DateTimeOriginal `taken` ("YYYY:MM:DD HH:MM:SS")."""
    picture = Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(_EXIF_IFD)[_DATE_TIME_ORIGINAL] = taken
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=quality, exif=exif.tobytes())
    return buffer.getvalue()


def shut_eyes(
    image: NDArray[np.uint8], box: tuple[float, float, float, float], model: LandmarkModel
) -> NDArray[np.uint8]:
    """The face in `box` with both eyes painted over in the skin colour under them."""
    painted = image.copy()
    points = model.points(image, [box])[0]
    for contour in (points[LEFT_EYE], points[RIGHT_EYE]):
        x1, y1 = contour.min(axis=0)
        x2, y2 = contour.max(axis=0)
        width = float(x2 - x1)
        cheek = image[int(y2 + width * 0.5) : int(y2 + width * 0.8), int(x1) : int(x2)]
        skin = np.median(cheek.reshape(-1, 3), axis=0)
        centre = (int((x1 + x2) / 2), int((y1 + y2) / 2))
        axes = (int(width * 0.75), int(max(float(y2 - y1), width * 0.3)))
        colour = tuple(int(value) for value in skin)
        cv2.ellipse(painted, centre, axes, 0, 0, 360, colour, -1)
    return painted


def blur_box(image: NDArray[np.uint8], box: tuple[float, float, float, float]) -> NDArray[np.uint8]:
    """One face and a margin around it strongly out of focus."""
    blurred = image.copy()
    x1, y1, x2, y2 = (int(value) for value in box)
    margin = (x2 - x1) // 3
    x1, y1, x2, y2 = max(0, x1 - margin), max(0, y1 - margin), x2 + margin, y2 + margin
    blurred[y1:y2, x1:x2] = cv2.GaussianBlur(image[y1:y2, x1:x2], (0, 0), 4)
    return blurred
