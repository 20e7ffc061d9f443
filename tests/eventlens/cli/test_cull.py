"""`eventlens cull`, run as a user would."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from tests.eventlens.cli.conftest import Run, as_json


def test_cull_lists_the_blurred_copy_and_the_duplicate(
    eventlens: Run, t1_path: Path, tmp_path: Path
) -> None:
    image = cv2.imread(str(t1_path))
    cv2.imwrite(str(tmp_path / "a.jpg"), np.asarray(image))
    cv2.imwrite(str(tmp_path / "b.jpg"), np.asarray(cv2.GaussianBlur(image, (0, 0), 5)))
    eventlens("index", "--event", "gala", str(tmp_path))

    report = as_json(eventlens("cull", "--event", "gala", "--json"))

    assert report["assessed"] == 2
    (flag,) = report["flagged"]
    assert flag["source"].endswith("b.jpg") and flag["blurred"] and flag["duplicate_of"]
    text = eventlens("cull", "--event", "gala").stdout
    assert "1 of 2 photos flagged" in text and "b.jpg: blurred" in text
