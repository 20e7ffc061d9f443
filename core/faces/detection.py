"""Find faces in a decoded photo, small, tilted and sideways ones included.

A single 640-px pass misses faces under ~12 px at that scale, i.e. most guests in
the back rows of a 12-MP group photo. Running the detector on the whole photo at
full size would find them but costs 4-7x as much. Instead (see
`bench/accuracy.py` for the numbers):

1. one pass at 960 px on the long side, with a *low* threshold: SCRFD still
   scores tiny faces above ~0.1 even when it cannot localise them well, so this
   yields candidates for 98% of the faces a full-size pass would find;
2. every candidate that is not already a confident, large detection is cut out
   of the decoded photo (which has more pixels than the first pass), zoomed so
   the face is ~50 px wide, and all such cut-outs are tiled into one small
   mosaic that the detector reads in a single call. A detection near a tile's
   centre confirms the face and gives sharper landmarks for alignment;
3. a photo that looks sideways (no confident face, or most confident faces with
   their eyes more vertical than horizontal) is tried turned by 90 degrees both
   ways (cameras that drop the EXIF orientation), keeping the turn that finds
   most confident faces.

Weak faces (score between `KEEP_SCORE` and the usual 0.5) are kept rather than
dropped: their quality score sends their matches to `maybe`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

# The first pass reads the photo at 960 px on its long side: faces down to ~40 px in a
# 12-MP photo still give candidates (at 640 px a quarter of those were never seen),
# for ~10 ms more per photo on two cores (bench/indexing.py).
BASE_SIZE = 960
CANDIDATE_SCORE = 0.05  # first-pass score worth a closer look
KEEP_SCORE = 0.35  # confirmed score worth keeping (gated by quality later)
CONFIDENT_SCORE = 0.5  # the detector's usual operating point
# A first-pass face at least this wide (in detector pixels) is localised well enough.
LARGE_FACE = 40.0
TILE = 128  # mosaic tile side; a candidate's face fills ~40% of it
ZOOM_CONTEXT = 2.6  # tile side / candidate face size
MAX_CANDIDATES = 16  # per mosaic; more candidates take several mosaics
MAX_MOSAICS = 2
NMS_IOU = 0.4
SIDEWAYS_ROLL = 50.0  # degrees of eye-line tilt beyond which a face lies sideways


@dataclass(frozen=True)
class Detection:
    """A face in the coordinates of the pixels it was found in."""

    box: NDArray[np.float32]  # x1, y1, x2, y2
    landmarks: NDArray[np.float32]  # 5 x 2
    score: float

    @property
    def size(self) -> float:
        return float(min(self.box[2] - self.box[0], self.box[3] - self.box[1]))

    @property
    def roll(self) -> float:
        """Tilt of the eye line, in degrees (0 for an upright face)."""
        dx, dy = self.landmarks[1] - self.landmarks[0]
        return math.degrees(math.atan2(float(dy), float(dx)))


@dataclass(frozen=True)
class DetectionPolicy:
    """Which of the extra passes run; the defaults are what indexing uses."""

    base_size: int = BASE_SIZE
    candidate_score: float = CANDIDATE_SCORE
    keep_score: float = KEEP_SCORE
    zoom: bool = True
    rotations: bool = True
    closer: bool = True  # small faces of large photos looked at again (core/faces/closer.py)


SINGLE_PASS = DetectionPolicy(
    base_size=640, candidate_score=0.5, keep_score=0.5, zoom=False, rotations=False, closer=False
)
"""The face core's original behaviour (one 640-px pass at 0.5): the baseline in benchmarks."""


def _input_size(width: int, height: int, long_side: int) -> tuple[int, int]:
    """An input of the photo's aspect, in multiples of 32 (few distinct ORT sessions)."""
    scale = long_side / max(width, height)
    return (
        max(32, round(width * scale / 32) * 32),
        max(32, round(height * scale / 32) * 32),
    )


def raw_detections(
    model: Any, pixels: NDArray[np.uint8], size: tuple[int, int], threshold: float
) -> list[Detection]:
    boxes, points = model.detect(pixels, input_size=size, det_thresh=threshold)
    if boxes is None or len(boxes) == 0:
        return []
    return [
        Detection(box[:4].astype(np.float32), kps.astype(np.float32), float(box[4]))
        for box, kps in zip(boxes, points, strict=True)
    ]


def suppress(found: Sequence[Detection]) -> list[Detection]:
    """Non-maximum suppression: the best-scoring of overlapping detections wins.

    Vectorised: a noisy or blank photo yields thousands of low-score candidates,
    which a pairwise loop in Python took a minute to compare.
    """
    ordered = sorted(found, key=lambda d: -d.score)
    if not ordered:
        return []
    boxes = np.stack([item.box for item in ordered]).astype(np.float64)
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    alive = np.ones(len(ordered), dtype=bool)
    kept: list[Detection] = []
    for index, item in enumerate(ordered):
        if not alive[index]:
            continue
        kept.append(item)
        rest = boxes[index + 1 :]
        width = np.clip(
            np.minimum(rest[:, 2], boxes[index, 2]) - np.maximum(rest[:, 0], boxes[index, 0]),
            0,
            None,
        )
        height = np.clip(
            np.minimum(rest[:, 3], boxes[index, 3]) - np.maximum(rest[:, 1], boxes[index, 1]),
            0,
            None,
        )
        inter = width * height
        union = areas[index + 1 :] + areas[index] - inter
        iou = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
        alive[index + 1 :] &= iou <= NMS_IOU
    return kept


def _mosaic_shape(count: int) -> tuple[int, int]:
    columns = math.ceil(math.sqrt(count))
    return columns, math.ceil(count / columns)


def _zoom(
    model: Any, pixels: NDArray[np.uint8], candidates: Sequence[Detection], keep: float
) -> list[Detection | None]:
    """Re-detect each candidate in a zoomed tile; None where nothing is confirmed."""
    columns, rows = _mosaic_shape(len(candidates))
    mosaic = np.zeros((rows * TILE, columns * TILE, 3), dtype=np.uint8)
    placements = []
    for index, candidate in enumerate(candidates):
        cx = float(candidate.box[0] + candidate.box[2]) / 2
        cy = float(candidate.box[1] + candidate.box[3]) / 2
        side = max(float(candidate.box[2] - candidate.box[0]), 1.0) * ZOOM_CONTEXT
        zoom = TILE / side
        matrix = np.array(
            [[zoom, 0.0, TILE / 2 - zoom * cx], [0.0, zoom, TILE / 2 - zoom * cy]],
            dtype=np.float32,
        )
        tile = cv2.warpAffine(
            pixels,
            matrix,
            (TILE, TILE),
            flags=cv2.INTER_AREA if zoom < 1 else cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
        )
        row, column = divmod(index, columns)
        mosaic[row * TILE : (row + 1) * TILE, column * TILE : (column + 1) * TILE] = tile
        placements.append((column * TILE, row * TILE, zoom, cx, cy))
    found = raw_detections(model, mosaic, (columns * TILE, rows * TILE), keep)
    results: list[Detection | None] = []
    for x0, y0, zoom, cx, cy in placements:
        best: Detection | None = None
        best_distance = TILE * 0.2  # the face must sit near the tile's centre
        for item in found:
            fx = float(item.box[0] + item.box[2]) / 2 - x0
            fy = float(item.box[1] + item.box[3]) / 2 - y0
            if not (0 <= fx < TILE and 0 <= fy < TILE):
                continue
            distance = math.hypot(fx - TILE / 2, fy - TILE / 2)
            if distance < best_distance:
                best, best_distance = item, distance
        if best is None:
            results.append(None)
            continue
        offset = np.array([x0, y0], dtype=np.float32)
        origin = np.array([cx, cy], dtype=np.float32)
        centre = np.float32(TILE / 2)
        points = (best.landmarks - offset - centre) / zoom + origin
        corners = (best.box.reshape(2, 2) - offset - centre) / zoom + origin
        results.append(Detection(corners.reshape(4).astype(np.float32), points, best.score))
    return results


def _refine(
    model: Any, pixels: NDArray[np.uint8], first: Sequence[Detection], policy: DetectionPolicy
) -> list[Detection]:
    """Confirm weak or small first-pass faces through zoomed mosaics."""
    height, width = pixels.shape[:2]
    to_detector = policy.base_size / max(width, height)
    settled, unsure = [], []
    for item in suppress(first):
        large = item.size * to_detector >= LARGE_FACE
        if item.score >= CONFIDENT_SCORE and large:
            settled.append(item)
        else:
            unsure.append(item)
    unsure = unsure[: MAX_CANDIDATES * MAX_MOSAICS]
    for start in range(0, len(unsure), MAX_CANDIDATES):
        batch = unsure[start : start + MAX_CANDIDATES]
        for candidate, confirmed in zip(
            batch, _zoom(model, pixels, batch, policy.keep_score), strict=True
        ):
            if confirmed is not None:
                settled.append(confirmed)
            elif candidate.score >= CONFIDENT_SCORE:
                settled.append(candidate)  # never lose what one pass was sure of
    return suppress(settled)


def _turned(
    model: Any, pixels: NDArray[np.uint8], policy: DetectionPolicy, quarter_turns: int
) -> list[Detection]:
    """Detections on the photo turned by `quarter_turns` x 90 degrees (counter-clockwise),
    mapped back to the unturned photo: alignment then undoes the turn by itself."""
    turned = np.ascontiguousarray(np.rot90(pixels, quarter_turns))
    height, width = turned.shape[:2]
    size = _input_size(width, height, policy.base_size)
    found = raw_detections(model, turned, size, policy.candidate_score)
    if policy.zoom:
        found = _refine(model, turned, found, policy)
    else:
        found = [item for item in found if item.score >= policy.keep_score]
    if quarter_turns == 0:
        return found
    return [_unturn(item, quarter_turns, pixels.shape[1], pixels.shape[0]) for item in found]


def _unturn(item: Detection, quarter_turns: int, width: int, height: int) -> Detection:
    """Map points of `np.rot90(image, k)` back to `image` (width x height)."""

    def back(points: NDArray[np.float32]) -> NDArray[np.float32]:
        x, y = points[:, 0], points[:, 1]
        if quarter_turns == 1:  # turned (x', y') = (y, width - 1 - x)
            original = np.stack([width - 1 - y, x], axis=1)
        elif quarter_turns == 3:  # turned (x', y') = (height - 1 - y, x)
            original = np.stack([y, height - 1 - x], axis=1)
        else:  # half turn
            original = np.stack([width - 1 - x, height - 1 - y], axis=1)
        return original.astype(np.float32)

    corners = back(item.box.reshape(2, 2))
    box = np.concatenate([corners.min(axis=0), corners.max(axis=0)]).astype(np.float32)
    return Detection(box, back(item.landmarks), item.score)


def _confident(found: Sequence[Detection]) -> list[Detection]:
    return [item for item in found if item.score >= CONFIDENT_SCORE]


def looks_sideways(found: Sequence[Detection]) -> bool:
    confident = _confident(found)
    sideways = sum(abs(item.roll) >= SIDEWAYS_ROLL for item in confident)
    return not confident or 2 * sideways > len(confident)


def find_faces(model: Any, pixels: NDArray[np.uint8], policy: DetectionPolicy) -> list[Detection]:
    best = _turned(model, pixels, policy, 0)
    if not policy.rotations or not looks_sideways(best):
        return best
    for quarter_turns in (1, 3):
        turned = _turned(model, pixels, policy, quarter_turns)
        if len(_confident(turned)) > len(_confident(best)):
            best = turned
    return best
