"""How much a face can be trusted for matching, from cheap signals.

A face that is small, blurred or weakly detected still gets indexed (guests want
those photos too), but its matches are shown as `maybe`, never as `sure`.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

# Face width in original pixels at which size stops limiting quality.
GOOD_FACE_PX = 80.0
# Laplacian variance of a 112x112 aligned crop above which a face counts as sharp.
GOOD_SHARPNESS = 60.0
# Below this quality a match is never `sure`.
RELIABLE_QUALITY = 0.35


def sharpness(crop: NDArray[np.uint8]) -> float:
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def quality_score(det_score: float, size_px: float, sharp: float) -> float:
    """Product of three factors in [0, 1]; any one weak signal pulls it down."""
    size_factor = min(1.0, size_px / GOOD_FACE_PX)
    sharp_factor = min(1.0, sharp / GOOD_SHARPNESS)
    return float(np.clip(det_score, 0.0, 1.0) * size_factor * (0.5 + 0.5 * sharp_factor))
