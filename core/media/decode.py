"""Bytes -> an upright BGR array small enough for detection, or a typed error.

Large JPEGs are decoded at 1/2, 1/4 or 1/8 scale by libjpeg itself (a 24-MP photo
costs ~45 ms instead of ~185 ms): detection needs ~1300 px, not 6000. Every format is
sniffed from its header first, so a decompression bomb is refused before a single
pixel is allocated.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, UnidentifiedImageError

from eventlens.core.errors import ImageTooLargeError, NotAnImageError
from eventlens.core.media.raw import is_raw_tiff
from eventlens.core.reasons import Code

try:  # HEIC/HEIF from iPhones; optional at run time.
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - depends on the platform's wheels
    pass

# 120 MP: above every current camera (the largest shoot ~102 MP), far below a bomb.
MAX_PIXELS = 120_000_000
# The decoded long side we aim for; JPEG reduction stops before going below it.
TARGET_LONG_SIDE = 1280
SUPPORTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "HEIF", "HEIC", "BMP", "TIFF"})

Image.MAX_IMAGE_PIXELS = MAX_PIXELS

_REDUCED_FLAGS = (
    (8, cv2.IMREAD_REDUCED_COLOR_8),
    (4, cv2.IMREAD_REDUCED_COLOR_4),
    (2, cv2.IMREAD_REDUCED_COLOR_2),
)
_EXIF_ORIENTATION = 0x0112


@dataclass(frozen=True)
class DecodedImage:
    """An upright BGR image and how it maps back to the original's pixels."""

    pixels: NDArray[np.uint8]
    original_width: int
    original_height: int
    format: str
    # The same photo decoded at twice this resolution, where the file holds that many
    # pixels: small faces are looked at again in it (core/faces/closer.py).
    sharper: Callable[[], DecodedImage] | None = field(default=None, repr=False, compare=False)

    @property
    def scale(self) -> float:
        """Decoded pixels per original pixel (upright orientation)."""
        return float(self.pixels.shape[1]) / float(self.upright_size[0])

    @property
    def upright_size(self) -> tuple[int, int]:
        return self.original_width, self.original_height


def probe(data: bytes) -> tuple[Image.Image, str]:
    """Open the header only; raise a typed error for anything we will not decode."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ImageTooLargeError() from error
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise NotAnImageError() from error
    fmt = (image.format or "").upper()
    if fmt not in SUPPORTED_FORMATS:
        raise NotAnImageError(Code.UNSUPPORTED_FORMAT, format=fmt or "unknown")
    if fmt == "TIFF" and is_raw_tiff(image, data):  # RAW files come in through core.media.raw
        raise NotAnImageError(Code.UNSUPPORTED_FORMAT, format="RAW")
    width, height = image.size
    if width <= 0 or height <= 0:
        raise NotAnImageError(Code.IMAGE_EMPTY)
    if width * height > MAX_PIXELS:
        raise ImageTooLargeError(
            Code.IMAGE_TOO_LARGE, width=width, height=height, limit=MAX_PIXELS // 1_000_000
        )
    return image, fmt


def decode_image(data: bytes, target_long_side: int = TARGET_LONG_SIDE) -> DecodedImage:
    image, fmt = probe(data)
    orientation = _orientation(image)
    if fmt in {"JPEG", "MPO"}:
        pixels = _decode_jpeg(data, image.size, target_long_side)
    else:
        pixels = _decode_with_pillow(image, target_long_side)
    pixels = _apply_orientation(pixels, orientation)
    width, height = image.size
    if orientation in {5, 6, 7, 8}:
        width, height = height, width
    decoded = max(pixels.shape[:2])
    sharper = None
    if max(width, height) >= 2 * decoded:
        sharper = partial(decode_image, data, 2 * decoded)
    return DecodedImage(np.ascontiguousarray(pixels), width, height, fmt, sharper)


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(_EXIF_ORIENTATION, 1)
    except Exception:  # malformed EXIF must not cost the photo
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _decode_jpeg(data: bytes, size: tuple[int, int], target: int) -> NDArray[np.uint8]:
    if b"\xff\xd9" not in data[-4096:]:
        raise NotAnImageError(Code.JPEG_TRUNCATED)
    flag = cv2.IMREAD_COLOR
    long_side = max(size)
    for factor, reduced in _REDUCED_FLAGS:
        if long_side // factor >= target:
            flag = reduced
            break
    buffer = np.frombuffer(data, dtype=np.uint8)
    pixels = cv2.imdecode(buffer, flag | cv2.IMREAD_IGNORE_ORIENTATION)
    if pixels is None or pixels.size == 0:
        raise NotAnImageError(Code.JPEG_CORRUPT)
    return np.asarray(pixels, dtype=np.uint8)


def _decode_with_pillow(image: Image.Image, target: int) -> NDArray[np.uint8]:
    try:
        image.load()
        frame = image.convert("RGB")
    except (OSError, ValueError, SyntaxError) as error:
        raise NotAnImageError(Code.IMAGE_CORRUPT) from error
    rgb = np.asarray(frame, dtype=np.uint8)
    bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    long_side = max(bgr.shape[:2])
    if long_side > 2 * target:
        ratio = target / long_side
        bgr = cv2.resize(bgr, None, fx=ratio, fy=ratio, interpolation=cv2.INTER_AREA)
    return np.asarray(bgr, dtype=np.uint8)


def _apply_orientation(pixels: NDArray[np.uint8], orientation: int) -> NDArray[np.uint8]:
    """Same mapping as `PIL.ImageOps.exif_transpose`, done on the decoded array."""
    operations: dict[int, Callable[[Any], Any]] = {
        2: lambda p: cv2.flip(p, 1),
        3: lambda p: cv2.rotate(p, cv2.ROTATE_180),
        4: lambda p: cv2.flip(p, 0),
        5: cv2.transpose,
        6: lambda p: cv2.rotate(p, cv2.ROTATE_90_CLOCKWISE),
        7: lambda p: cv2.flip(cv2.transpose(p), -1),
        8: lambda p: cv2.rotate(p, cv2.ROTATE_90_COUNTERCLOCKWISE),
    }
    operation = operations.get(orientation)
    return np.asarray(operation(pixels), dtype=np.uint8) if operation else pixels
