"""RAW files become JPEGs: the camera's preview when big enough, else a half-size demosaic.

The DNGs are written by `tests.core.media.dng` (no package here ships RAW samples).
"""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image

from eventlens.core.errors import NotAnImageError
from eventlens.core.media.decode import decode_image
from eventlens.core.media.raw import is_raw_name, render_raw
from tests.conftest import jpeg
from tests.core.media.dng import dng


def _photo(width: int, height: int) -> bytes:
    image: NDArray[np.uint8] = np.zeros((height, width, 3), np.uint8)
    cv2.rectangle(image, (0, 0), (width // 4, height // 4), (0, 0, 255), -1)  # red top-left
    return jpeg(image)


def _pixels(data: bytes) -> NDArray[np.uint8]:
    return np.asarray(cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR), np.uint8)


def test_a_large_preview_is_used_without_re_encoding() -> None:
    preview = _photo(1600, 1200)
    rendered = render_raw(dng(preview, (1600, 1200), (64, 48)))
    assert rendered.rendering == "preview"
    assert np.array_equal(_pixels(rendered.jpeg), _pixels(preview)), "LibRaw adds only EXIF"


def test_the_preview_is_turned_upright_by_the_raw_orientation() -> None:
    rendered = render_raw(dng(_photo(1600, 1200), (1600, 1200), (64, 48), orientation=6))
    image = Image.open(io.BytesIO(rendered.jpeg))
    assert image.size == (1200, 1600)
    red, _, blue = image.convert("RGB").getpixel((1200 - 50, 50))  # now top-right
    assert red > 200 and blue < 60


def test_a_small_preview_gives_way_to_a_half_size_demosaic() -> None:
    rendered = render_raw(dng(_photo(160, 120), (160, 120), (256, 192)))
    assert rendered.rendering == "demosaic"
    assert Image.open(io.BytesIO(rendered.jpeg)).size == (128, 96)
    assert decode_image(rendered.jpeg).upright_size == (128, 96), "the indexer reads it"


def test_bytes_that_are_no_raw_are_refused_with_a_reason() -> None:
    with pytest.raises(NotAnImageError):
        render_raw(b"II*\0" + b"\0" * 200)


@pytest.mark.parametrize("name", ["a.CR2", "b.cr3", "c.NEF", "d.arw", "e.raf", "f.orf", "g.dng"])
def test_raw_names_are_recognised(name: str) -> None:
    assert is_raw_name(name) and not is_raw_name(name + ".jpg")


def test_decode_refuses_a_raw_rather_than_index_its_thumbnail() -> None:
    with pytest.raises(NotAnImageError) as refused:
        decode_image(dng(_photo(160, 120), (160, 120), (64, 48)))
    assert refused.value.why.params == {"format": "RAW"}
