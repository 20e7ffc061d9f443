"""Non-maximum suppression: overlapping detections keep the best, apart ones all stay,
and a photo full of noise candidates is settled quickly."""

from __future__ import annotations

import time

import numpy as np

from eventlens.core.faces.detection import Detection, suppress


def _at(x: float, y: float, side: float, score: float) -> Detection:
    box = np.array([x, y, x + side, y + side], dtype=np.float32)
    return Detection(box, np.zeros((5, 2), dtype=np.float32), score)


def test_the_best_of_overlapping_detections_wins() -> None:
    weak, strong, apart = _at(0, 0, 10, 0.3), _at(1, 1, 10, 0.9), _at(50, 50, 10, 0.1)
    assert suppress([weak, apart, strong]) == [strong, apart]


def test_slightly_overlapping_detections_both_stay() -> None:
    left, right = _at(0, 0, 10, 0.8), _at(7, 0, 10, 0.7)  # IoU 3/17
    assert suppress([right, left]) == [left, right]


def test_a_thousand_candidates_take_well_under_a_second() -> None:
    grid = [
        _at(x * 4.0, y * 4.0, 3, 0.05 + (x * y) % 7 / 100) for x in range(40) for y in range(40)
    ]
    started = time.perf_counter()
    assert len(suppress(grid)) == len(grid)
    assert time.perf_counter() - started < 1.0
