"""What a person wears below their face: a cue for faces too poor to trust alone.

Within one event a guest wears the same clothes all day, so the region below a
face (the chest, scaled by the face's size) says who it is when the face is small,
blurred or turned. The descriptor is cheap colour statistics with a coarse layout:
a hue x saturation x value histogram of each quarter of the chest (a jacket over a
shirt, a print, a tie differ from a plain top of the same colours), each
L1-normalised, square-rooted and scaled so that the dot product of two
descriptors is their mean Bhattacharyya coefficient (1: the same distribution).
On t1.jpg's six people, seen again at half size and 15% brighter, one person's
two chests score 0.88 or more, two people's 0.71 or less (a finer or a global
histogram separates them less). There is none where the chest lies mostly
outside the photo (`None`): a face at the bottom edge says nothing about clothes.
How search uses it: core/search/outfits.py.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

# The chest, in face sizes from the face box: as wide as the shoulders, starting
# under the chin (a face box ends at the chin).
CHEST_TOP = 0.35
CHEST_BOTTOM = 1.6
CHEST_HALF_WIDTH = 0.9
MIN_INSIDE = 0.6  # share of the chest that must lie inside the photo
MIN_SIDE = 6  # decoded pixels: a smaller chest crop is noise
HUE_BINS, SATURATION_BINS, VALUE_BINS = 16, 4, 4
GRID = 2  # the chest in GRID x GRID cells, one histogram each
SAMPLED_WIDTH = 96  # a wider chest is sampled down to about this many columns
OUTFIT_SIZE = GRID * GRID * HUE_BINS * SATURATION_BINS * VALUE_BINS


def chest(box: tuple[float, ...], width: int, height: int) -> tuple[int, int, int, int] | None:
    """The chest crop (x1, y1, x2, y2, in the photo) below a face box; None if mostly outside."""
    x1, y1, x2, y2 = box
    size = max(x2 - x1, y2 - y1)
    centre = (x1 + x2) / 2
    left, right = centre - CHEST_HALF_WIDTH * size, centre + CHEST_HALF_WIDTH * size
    top, bottom = y2 + CHEST_TOP * size, y2 + CHEST_BOTTOM * size
    inside = (min(right, width) - max(left, 0.0)) * (min(bottom, height) - max(top, 0.0))
    if inside < MIN_INSIDE * (right - left) * (bottom - top) or inside <= 0:
        return None
    crop = (
        max(0, round(left)),
        max(0, round(top)),
        min(width, round(right)),
        min(height, round(bottom)),
    )
    if crop[2] - crop[0] < MIN_SIDE or crop[3] - crop[1] < MIN_SIDE:
        return None
    return crop


def describe(pixels: NDArray[np.uint8], box: tuple[float, ...]) -> NDArray[np.float32] | None:
    """The outfit descriptor below the face `box` (in `pixels`' coordinates)."""
    height, width = pixels.shape[:2]
    crop = chest(box, width, height)
    if crop is None:
        return None
    x1, y1, x2, y2 = crop
    step = max(1, (x2 - x1) // SAMPLED_WIDTH)  # every step-th pixel: a histogram needs no more
    region = np.ascontiguousarray(pixels[y1:y2:step, x1:x2:step])
    hsv = cv2.cvtColor(region, cv2.COLOR_BGR2HSV)
    rows, columns = hsv.shape[:2]
    parts = []
    for row in range(GRID):
        for column in range(GRID):
            cell = np.ascontiguousarray(
                hsv[
                    row * rows // GRID : (row + 1) * rows // GRID,
                    column * columns // GRID : (column + 1) * columns // GRID,
                ]
            )
            counts = cv2.calcHist(
                [cell],
                [0, 1, 2],
                None,
                [HUE_BINS, SATURATION_BINS, VALUE_BINS],
                [0, 180, 0, 256, 0, 256],
            ).reshape(-1)
            parts.append(counts / max(float(counts.sum()), 1.0))
    return np.sqrt(np.concatenate(parts) / len(parts)).astype(np.float32)


def likeness(first: NDArray[np.float32], second: NDArray[np.float32]) -> float:
    """Bhattacharyya coefficient of two descriptors: 1 the same, 0 nothing in common."""
    return float(np.dot(first, second))
