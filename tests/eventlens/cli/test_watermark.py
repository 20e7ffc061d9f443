"""`eventlens watermark`, run as a user would: set, restyle, try on, clear."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from tests.eventlens.cli.conftest import Run, as_json


def test_a_watermark_is_set_restyled_tried_and_cleared(
    eventlens: Run, t1_path: Path, tmp_path: Path
) -> None:
    eventlens("index", "--event", "gala", str(t1_path))
    assert as_json(eventlens("watermark", "--event", "gala", "--json"))["watermark"] is None

    text = as_json(eventlens("watermark", "--event", "gala", "--text", "© Studio", "--json"))
    moved = as_json(
        eventlens(
            "watermark", "--event", "gala", "--position", "tiled", "--opacity", "0.3", "--json"
        )
    )
    assert text["watermark"]["text"] == moved["watermark"]["text"] == "© Studio"
    assert (moved["watermark"]["position"], moved["watermark"]["opacity"]) == ("tiled", 0.3)
    assert moved["version"] == text["version"] + 1

    logo = tmp_path / "logo.png"
    Image.new("RGBA", (100, 40), (0, 0, 255, 180)).save(logo)
    tried = tmp_path / "tried.jpg"
    eventlens("watermark", "--event", "gala", "--logo", str(logo), "--try", str(tried))
    assert Image.open(io.BytesIO(tried.read_bytes())).format == "JPEG"
    kept = as_json(eventlens("watermark", "--event", "gala", "--json"))
    assert kept["watermark"]["kind"] == "text", "--try saves nothing"

    refused = eventlens("watermark", "--event", "gala", "--size", "5", check=False)
    assert refused.returncode == 1 and "size" in refused.stderr
    cleared = eventlens("watermark", "--event", "gala", "--clear")
    assert "no watermark" in cleared.stdout
