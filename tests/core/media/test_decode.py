from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageOps

from eventlens.core.errors import ImageTooLargeError, NotAnImageError
from eventlens.core.media.decode import MAX_PIXELS, decode_image, probe
from eventlens.core.reasons import Code, Reason
from tests.conftest import jpeg
from tests.images import png_header_bomb, with_orientation


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_is_applied_like_pillow(orientation: int) -> None:
    rng = np.random.default_rng(orientation)
    image = Image.fromarray((rng.random((30, 50, 3)) * 255).astype(np.uint8))
    data = with_orientation(image, orientation, "PNG")

    decoded = decode_image(data)

    expected = np.asarray(ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB"))
    assert np.array_equal(decoded.pixels, expected[:, :, ::-1])
    assert (decoded.original_width, decoded.original_height) == (
        expected.shape[1],
        expected.shape[0],
    )


def test_rotated_jpeg_reports_upright_size() -> None:
    image = Image.new("RGB", (400, 200), "white")
    decoded = decode_image(with_orientation(image, 6))
    assert decoded.pixels.shape[:2] == (400, 200)
    assert decoded.upright_size == (200, 400)


def test_large_jpeg_is_decoded_at_reduced_scale(t1_image: NDArray[np.uint8]) -> None:
    big = cv2.resize(t1_image, (5120, 3544))
    decoded = decode_image(jpeg(big))
    assert decoded.original_width == 5120
    assert max(decoded.pixels.shape[:2]) == 1280  # 1/4 scale, still >= 1280
    assert decoded.scale == pytest.approx(0.25)


def test_small_jpeg_is_decoded_whole(t1_image: NDArray[np.uint8]) -> None:
    decoded = decode_image(jpeg(t1_image))
    assert decoded.pixels.shape == t1_image.shape
    assert decoded.scale == 1.0


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_decode(fmt: str, t1_image: NDArray[np.uint8]) -> None:
    buffer = io.BytesIO()
    Image.fromarray(t1_image[:, :, ::-1]).save(buffer, fmt)
    decoded = decode_image(buffer.getvalue())
    assert decoded.pixels.shape == t1_image.shape
    assert decoded.format == fmt


def test_heic_decodes_when_supported(t1_image: NDArray[np.uint8]) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    heif = pillow_heif.from_pillow(Image.fromarray(t1_image[:, :, ::-1]))
    buffer = io.BytesIO()
    heif.save(buffer, quality=80)
    decoded = decode_image(buffer.getvalue())
    assert decoded.pixels.shape == t1_image.shape


def test_text_named_jpg_is_not_an_image() -> None:
    with pytest.raises(NotAnImageError):
        decode_image(b"this is a text file, not a photo\n")


def test_empty_bytes_are_not_an_image() -> None:
    with pytest.raises(NotAnImageError):
        decode_image(b"")


def test_truncated_jpeg_is_refused(t1_path: Path) -> None:
    data = t1_path.read_bytes()
    with pytest.raises(NotAnImageError, match="truncated") as raised:
        decode_image(data[: len(data) // 3])
    assert raised.value.code == Code.JPEG_TRUNCATED


def test_truncated_png_is_refused(t1_image: NDArray[np.uint8]) -> None:
    buffer = io.BytesIO()
    Image.fromarray(t1_image).save(buffer, "PNG")
    data = buffer.getvalue()
    with pytest.raises(NotAnImageError):
        decode_image(data[: len(data) // 2])


def test_decompression_bomb_is_refused_from_the_header() -> None:
    data = png_header_bomb(20_000, 20_000)
    assert len(data) < 2_000_000
    with pytest.raises(ImageTooLargeError):
        probe(data)
    with pytest.raises(ImageTooLargeError):
        decode_image(data)


def test_pixel_ceiling_sits_above_real_cameras() -> None:
    assert MAX_PIXELS >= 102_000_000
    assert MAX_PIXELS < 20_000 * 20_000


def test_unsupported_format_is_refused() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "GIF")
    with pytest.raises(NotAnImageError, match="GIF") as raised:
        decode_image(buffer.getvalue())
    assert raised.value.why == Reason(Code.UNSUPPORTED_FORMAT, {"format": "GIF"})
