from __future__ import annotations

import shutil
from pathlib import Path

import cv2

from tests.eventlens.cli.conftest import Run, as_json


def test_event_list_shows_counts(eventlens: Run, t1_path: Path) -> None:
    assert "No events yet" in eventlens("event", "list").stdout
    eventlens("index", "--event", "gala", str(t1_path))

    (row,) = as_json(eventlens("event", "list", "--json"))["events"]
    assert (row["slug"], row["photos"], row["faces"], row["pending"]) == ("gala", 1, 6, 0)
    assert "gala" in eventlens("event", "list").stdout


def test_reindex_rebuilds_the_vectors_from_sqlite(
    eventlens: Run, home: Path, t1_path: Path, tmp_path: Path
) -> None:
    eventlens("index", "--event", "gala", str(t1_path))
    shutil.rmtree(home / "chroma")  # the vector index is lost

    assert as_json(eventlens("reindex", "--event", "gala", "--json"))["faces"] == 6
    crop = tmp_path / "crop.jpg"
    image = cv2.imread(str(t1_path))
    cv2.imwrite(str(crop), image[250:520, 650:950])
    matches = as_json(eventlens("find", "--event", "gala", "--json", str(crop)))["matches"]
    assert matches and matches[0]["tier"] == "sure"


def test_reindex_of_an_unknown_event_fails_cleanly(eventlens: Run) -> None:
    result = eventlens("reindex", "--event", "ghost", check=False)
    assert result.returncode == 1 and "No event called 'ghost'" in result.stderr
