"""Camera RAW files (CR2, CR3, NEF, ARW, RAF, ORF, DNG) rendered to a JPEG through LibRaw.

The camera's own embedded JPEG preview is used when it is large enough for face
detection (it is what the camera showed on its screen, and costs no demosaic);
otherwise LibRaw demosaics at half size. The RAW itself is kept as the photo's
original; everything downstream (indexing, previews, albums) sees the JPEG.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

import numpy as np
import rawpy
from numpy.typing import NDArray
from PIL import Image

from eventlens.core.errors import NotAnImageError
from eventlens.core.reasons import Code

RAW_EXTENSIONS = frozenset({".cr2", ".cr3", ".nef", ".arw", ".raf", ".orf", ".dng"})
# A preview whose long side reaches this is enough for detection (decode aims at 1280).
MIN_PREVIEW_SIDE = 1024
JPEG_QUALITY = 92
# LibRaw's `flip` -> the PIL transpose that makes the preview upright.
_FLIPS = {
    3: Image.Transpose.ROTATE_180,
    5: Image.Transpose.ROTATE_90,
    6: Image.Transpose.ROTATE_270,
}

_MAKE, _SUB_IFDS, _DNG_VERSION = 271, 330, 50706

Rendering = Literal["preview", "demosaic"]


@dataclass(frozen=True)
class RenderedRaw:
    jpeg: bytes
    rendering: Rendering


def is_raw_name(name: str) -> bool:
    return PurePath(name.lower()).suffix in RAW_EXTENSIONS


def is_raw_tiff(image: Image.Image, data: bytes) -> bool:
    """Whether a file Pillow opened as TIFF is a camera RAW (DNG, CR2, NEF, ARW...):
    Pillow would read only its small first image, so it must go through `render_raw`."""
    tags = getattr(image, "tag_v2", {})
    return _DNG_VERSION in tags or data[8:10] == b"CR" or (_SUB_IFDS in tags and _MAKE in tags)


def render_raw(data: bytes, min_preview_side: int = MIN_PREVIEW_SIDE) -> RenderedRaw:
    """The RAW as an upright JPEG (blocking: call it off the event loop)."""
    try:
        with rawpy.imread(io.BytesIO(data)) as raw:
            flip = int(raw.sizes.flip)
            preview = _preview(raw, min_preview_side)
            if preview is not None:
                thumb_bytes, image = preview
                transpose = _FLIPS.get(flip)  # the camera's own bytes when already upright
                jpeg = _encode(image.transpose(transpose)) if transpose else thumb_bytes
                return RenderedRaw(jpeg, "preview")
            rgb: NDArray[np.uint8] = raw.postprocess(
                half_size=True, use_camera_wb=True, output_bps=8
            )
    except (rawpy.LibRawError, OSError, ValueError) as error:
        raise NotAnImageError(Code.IMAGE_CORRUPT) from error
    return RenderedRaw(_encode(Image.fromarray(np.ascontiguousarray(rgb))), "demosaic")


def _preview(raw: rawpy.RawPy, min_side: int) -> tuple[bytes, Image.Image] | None:
    """The embedded JPEG preview (bytes, image) when big enough and readable, else None."""
    try:
        thumb = raw.extract_thumb()
    except (rawpy.LibRawNoThumbnailError, rawpy.LibRawUnsupportedThumbnailError):
        return None
    if thumb.format != rawpy.ThumbFormat.JPEG or not isinstance(thumb.data, bytes):
        return None
    try:
        image = Image.open(io.BytesIO(thumb.data))
        image.load()
    except (OSError, ValueError, SyntaxError):
        return None
    return (bytes(thumb.data), image) if max(image.size) >= min_side else None


def _encode(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()
