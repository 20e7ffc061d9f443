"""How much a face can be trusted for matching, from cheap signals.

A face that is small, blurred, turned or weakly detected still gets indexed
(guests want those photos too), but its matches need more similarity to be
`sure` (core/faces/calibration.py), and below `RELIABLE_QUALITY` a lot more.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

# Face width in original pixels at which size stops limiting quality.
GOOD_FACE_PX = 80.0
# Laplacian variance of a 112x112 aligned crop above which a face counts as sharp.
GOOD_SHARPNESS = 60.0
# Up to this quality a match needs more similarity to be `sure` (core/faces/calibration.py);
# below POOR_QUALITY, much more.
RELIABLE_QUALITY = 0.35
POOR_QUALITY = 0.2
# |yaw| (nose offset from the eyes' midpoint / eye distance) of a face in profile.
PROFILE_YAW = 0.6


def sharpness(crop: NDArray[np.uint8]) -> float:
    gray = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def yaw(landmarks: NDArray[np.float32]) -> float:
    """How far the head is turned, from the five landmarks: 0 frontal, ~0.6 profile.

    The nose tip's offset from the eyes' midpoint along the eye line, over the
    eye distance; in-plane tilt does not change it.
    """
    left, right, nose = landmarks[0], landmarks[1], landmarks[2]
    axis = right - left
    distance = float(np.linalg.norm(axis))
    if distance < 1e-6:
        return PROFILE_YAW
    offset = float(np.dot(nose - (left + right) / 2, axis)) / distance
    return abs(offset) / distance


def quality_score(det_score: float, size_px: float, sharp: float, turned: float = 0.0) -> float:
    """Product of four factors in [0, 1]; any one weak signal pulls it down."""
    size_factor = min(1.0, size_px / GOOD_FACE_PX)
    sharp_factor = min(1.0, sharp / GOOD_SHARPNESS)
    pose_factor = max(0.0, 1.0 - turned / PROFILE_YAW)
    return float(
        np.clip(det_score, 0.0, 1.0)
        * size_factor
        * (0.5 + 0.5 * sharp_factor)
        * (0.7 + 0.3 * pose_factor)
    )
