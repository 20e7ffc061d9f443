from __future__ import annotations

import io

import numpy as np
from PIL import Image

from eventlens.core.media.exif import GPS_IFD
from eventlens.core.media.previews import GRID_LONG_SIDE, preview_jpeg


def test_a_preview_is_small_upright_and_has_no_metadata() -> None:
    pixels = np.random.default_rng(2).integers(0, 255, (1500, 2400, 3), dtype=np.uint8)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (1.0, 2.0, 3.0)})
    output = io.BytesIO()
    Image.fromarray(pixels).save(output, "JPEG", exif=exif.tobytes())

    preview = Image.open(io.BytesIO(preview_jpeg(output.getvalue(), GRID_LONG_SIDE)))

    assert preview.format == "JPEG"
    assert max(preview.size) == GRID_LONG_SIDE
    assert preview.size[1] > preview.size[0]  # rotated to portrait by orientation 6
    assert not preview.getexif()
