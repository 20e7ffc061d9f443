"""`eventlens people` corrections, `eventlens stats` and `eventlens event card`, run as a
user would."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.eventlens.cli.conftest import Run, as_json


def test_people_are_named_merged_split_and_rebuilt(
    eventlens: Run, t1_path: Path, tmp_path: Path
) -> None:
    image = cv2.imread(str(t1_path))
    for name, pixels in (("a", image), ("b", cv2.convertScaleAbs(image, alpha=0.7, beta=-10))):
        cv2.imwrite(str(tmp_path / f"{name}.jpg"), np.asarray(pixels))
    eventlens("index", "--event", "gala", str(tmp_path))

    named = as_json(eventlens("people", "--event", "gala", "--json", "--name", "1", "Bride"))
    assert named["people"][0]["name"] == "Bride" and named["people"][0]["photos"] == 2
    split = as_json(eventlens("people", "--event", "gala", "--json", "--split", "1", "2"))
    assert [p["photos"] for p in split["people"] if p["name"] == "Bride"] == [1]
    rebuilt = as_json(eventlens("people", "--event", "gala", "--json", "--rebuild"))
    assert [p["photos"] for p in rebuilt["people"] if p["name"] == "Bride"] == [1]

    refused = eventlens("people", "--event", "gala", "--merge", "1", "99", check=False)
    assert refused.returncode == 1 and "No person #99" in refused.stderr


def test_stats_prints_the_dashboard(eventlens: Run, t1_path: Path) -> None:
    eventlens("index", "--event", "gala", str(t1_path))
    numbers = as_json(eventlens("stats", "--event", "gala", "--json"))
    assert (numbers["photos"], numbers["faces"], numbers["guests"]) == (1, 6, 0)
    assert numbers["sales"] is None and numbers["median_photos_per_guest"] is None
    text = eventlens("stats", "--event", "gala").stdout
    assert "selfie searches" in text and "sales" not in text


def test_event_card_writes_the_same_pdf_the_bot_sends(eventlens: Run, tmp_path: Path) -> None:
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 reads the PDF (pip, [test])")
    eventlens("index", "--event", "gala", str(tmp_path))  # an event with no photos yet
    target = tmp_path / "cards.pdf"
    written = as_json(
        eventlens(
            "event", "card", "--event", "gala", "--bot", "@lens_bot", "--pdf", str(target), "--json"
        )
    )
    assert written["link"].startswith("https://t.me/lens_bot?start=ev_")
    text = pdfium.PdfDocument(target.read_bytes())[1].get_textpage().get_text_range()
    assert "Escanea el código y envía un selfi: el bot encuentra tus fotos." in text
