"""Whether a face's eyes are open, from the 106-point landmark model's eye contours.

`2d106det.onnx` places the ten points of each eye contour well, but it draws an
open contour even over a shut eye, so the contour's shape is not the signal. It
says where each eye is; the pixels there say whether it is open: an open eye shows
a dark iris and pupil several lash-widths tall, a closed one only skin and a thin
lash line. `openness` is the height of that dark patch over the eye's width.

The model costs ~40 ms a face on a CPU core, so it only settles doubtful eyes:
`screen` reads the same pixels around the detector's two eye centres first (free),
and only eyes that look shut or squinting there (`DOUBTFUL_BELOW`) go to the model.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import onnxruntime as ort
from numpy.typing import NDArray

from eventlens.core.faces.runtime import session_options

INPUT_SIDE = 192
BOX_MARGIN = 1.5  # the model was trained on crops 1.5x the face box
LEFT_EYE = slice(33, 43)
RIGHT_EYE = slice(87, 97)
# Below this openness on both eyes a face counts as eyes closed.
CLOSED_BELOW = 0.2
# Below this on the detector's eye centres, the 106-point contours are asked.
DOUBTFUL_BELOW = 0.3
# Half an eye's width, as a share of the distance between the two eye centres.
_HALF_EYE = 0.22
# Eyes normalised to this many pixels wide before their pixels are read.
_EYE_WIDTH = 32
_PATCH = 48
_DARKER_THAN_SKIN = 0.6


class LandmarkModel:
    """The 106-point model on ONNX Runtime, loaded on first use, run over many faces at once."""

    def __init__(self, path: Path, providers: Sequence[str], threads: int = 0) -> None:
        self._path = path
        self._providers = list(providers)
        self._threads = threads
        self._lock = threading.Lock()
        self._session: Any = None

    def load(self) -> None:
        self._loaded()

    def _loaded(self) -> Any:
        with self._lock:
            if self._session is None:
                self._session = ort.InferenceSession(
                    str(self._path),
                    sess_options=session_options(self._threads),
                    providers=self._providers,
                )
            return self._session

    def points(
        self, pixels: NDArray[np.uint8], boxes: Sequence[tuple[float, float, float, float]]
    ) -> list[NDArray[np.float32]]:
        """106 (x, y) points per face box, in `pixels`' coordinates."""
        if not boxes:
            return []
        session = self._loaded()
        crops, inverses = [], []
        for x1, y1, x2, y2 in boxes:
            scale = INPUT_SIDE / (max(x2 - x1, y2 - y1) * BOX_MARGIN)
            cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
            matrix = np.array(
                [
                    [scale, 0.0, INPUT_SIDE / 2 - scale * cx],
                    [0.0, scale, INPUT_SIDE / 2 - scale * cy],
                ],
                dtype=np.float64,
            )
            crops.append(cv2.warpAffine(pixels, matrix, (INPUT_SIDE, INPUT_SIDE)))
            inverses.append(cv2.invertAffineTransform(matrix))
        blob = np.stack(crops)[..., ::-1].transpose(0, 3, 1, 2).astype(np.float32)
        name = session.get_inputs()[0].name
        predicted = np.asarray(session.run(None, {name: blob})[0], dtype=np.float32)
        result = []
        for row, inverse in zip(predicted, inverses, strict=True):
            local = (row.reshape(-1, 2) + 1.0) * (INPUT_SIDE / 2)
            placed = local @ inverse[:, :2].T + inverse[:, 2]
            result.append(placed.astype(np.float32))
        return result


def openness(pixels: NDArray[np.uint8], contour: NDArray[np.float32]) -> float:
    """Height of the dark iris inside one eye contour over the eye's width (0 = shut)."""
    left = contour[int(np.argmin(contour[:, 0]))]
    right = contour[int(np.argmax(contour[:, 0]))]
    width = float(np.linalg.norm(right - left))
    if width < 1.0:
        return 0.0
    centre = (left + right) / 2
    angle = float(np.degrees(np.arctan2(right[1] - left[1], right[0] - left[0])))
    matrix = cv2.getRotationMatrix2D(
        (float(centre[0]), float(centre[1])), angle, _EYE_WIDTH / width
    )
    matrix[:, 2] += (_PATCH / 2 - centre[0], _PATCH / 2 - centre[1])
    patch = cv2.warpAffine(pixels, matrix, (_PATCH, _PATCH), borderMode=cv2.BORDER_REPLICATE)
    grey = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY).astype(np.float32)
    eye = grey[12:36, 8:40]
    skin = float(np.median(np.concatenate([grey[38:46, 8:40].ravel(), grey[2:8, 8:40].ravel()])))
    dark_per_column = (eye < skin * _DARKER_THAN_SKIN).sum(axis=0)
    return float(np.sort(dark_per_column)[-6:].mean() / _EYE_WIDTH)


def screen(pixels: NDArray[np.uint8], five: NDArray[np.float32]) -> float:
    """Openness read around the detector's two eye centres (five points, in `pixels`)."""
    left, right = five[0], five[1]
    axis = right - left
    distance = float(np.linalg.norm(axis))
    if distance < 1.0:
        return 0.0
    half = axis * _HALF_EYE
    return max(
        openness(pixels, np.stack([centre - half, centre + half]).astype(np.float32))
        for centre in (left, right)
    )


def eyes_open(pixels: NDArray[np.uint8], points: NDArray[np.float32]) -> float:
    """The more open of the two eyes (a wink is not closed eyes)."""
    return max(openness(pixels, points[LEFT_EYE]), openness(pixels, points[RIGHT_EYE]))
