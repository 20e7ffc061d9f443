"""Small faces in large photos: a second look, at twice the resolution, where they are.

Indexing decodes a camera-size photo at 1/2 to 1/8 of its size (core/media/decode.py)
and reads it at 960 px (core/faces/detection.py): a 40-px face of a 6000-px photo is
4 px there, below what the detector finds, and one it does find is aligned from a
10-px crop, which the recogniser cannot tell from anyone. So when the first pass
found a face smaller than `SMALL_FACE` decoded pixels (a crowd, where the faces it
missed are smaller still) and the file holds more pixels, the photo is decoded again
at twice the resolution and read at that resolution in horizontal strips: only the
strips around the small faces found (people stand or sit in rows), each overlapping
the next by more than the largest face a strip keeps, so every such face lies whole
in one strip; duplicates across strips and with the first pass are merged by
non-maximum suppression. Every face of the photo is then aligned from the sharper
pixels. Photos whose faces are all large (portraits, the indexing benchmark) never
pay for it; a crowd photo pays one more decode and a few detector passes.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.detection import Detection, DetectionPolicy, raw_detections, suppress

SMALL_FACE = 32.0  # decoded px: below this, a face has more detail in the file
STRIP = 640  # strip height, in sharper pixels
OVERLAP = 160  # strips overlap by this much, in sharper pixels
KEPT_FACE = 128.0  # largest face a strip keeps (larger ones the first pass localised)
NEIGHBOURHOOD = 1.5  # a strip is read when a small face lies within this many strips
MAX_LONG_SIDE = 3072  # the sharper photo is read at most this large (cost bound)


def wants_closer_look(found: list[Detection]) -> bool:
    """A photo with a face this small probably holds smaller ones the first pass missed."""
    return any(item.size < SMALL_FACE for item in found)


def scaled(item: Detection, ratio: float) -> Detection:
    return Detection(
        (item.box * ratio).astype(np.float32),
        (item.landmarks * ratio).astype(np.float32),
        item.score,
    )


def _strips(height: int, rows: list[float]) -> list[int]:
    """Top rows of the strips that lie near a small face's centre row."""
    step = STRIP - OVERLAP
    count = max(1, math.ceil((height - OVERLAP) / step))
    tops = [min(index * step, max(0, height - STRIP)) for index in range(count)]
    reach = NEIGHBOURHOOD * STRIP
    return sorted(
        {top for top in tops if any(top - reach <= row <= top + STRIP + reach for row in rows)}
    )


def _inside(item: Detection, top: int, height: int) -> bool:
    """Not cut by the strip's inner edges (the photo's own edges may cut a face)."""
    return (top == 0 or item.box[1] > top + 2) and (
        top + STRIP >= height or item.box[3] < top + STRIP - 2
    )


def closer_faces(
    model: Any,
    pixels: NDArray[np.uint8],
    first: list[Detection],
    ratio: float,
    policy: DetectionPolicy,
) -> list[Detection]:
    """`first` (found at 1/`ratio` of `pixels`) plus the small faces `pixels` shows, merged."""
    height, width = pixels.shape[:2]
    shrink = min(1.0, MAX_LONG_SIDE / max(width, height))
    known = [scaled(item, ratio) for item in first]
    small = [item for item in known if item.size < SMALL_FACE * ratio]
    rows = [float(item.box[1] + item.box[3]) / 2 for item in small]
    found = list(known)
    for top in _strips(height, rows):
        strip = np.ascontiguousarray(pixels[top : top + STRIP])
        size = (
            max(32, round(width * shrink / 32) * 32),
            max(32, round(strip.shape[0] * shrink / 32) * 32),
        )
        offset = np.array([0, top], dtype=np.float32)
        for item in raw_detections(model, strip, size, policy.keep_score):
            box = (item.box.reshape(2, 2) + offset).reshape(4)
            moved = Detection(box, (item.landmarks + offset).astype(np.float32), item.score)
            if moved.size <= KEPT_FACE and _inside(moved, top, height):
                found.append(moved)
    return suppress(found)
