"""Originals fit to share: no GPS position anywhere in their bytes.

A JPEG is rewritten segment by segment without touching a pixel, and only what a
viewer needs is kept: JFIF, the EXIF block without its GPS directory (orientation,
date and camera stay), the ICC profile and Adobe's colour-transform marker. XMP,
Photoshop/IPTC (APP13), comments, vendor segments and everything after the primary
image's end (Ultra HDR gain maps, MPF and motion-photo trailers, appended JPEGs) can
each carry a position and are dropped. Other formats (PNG, WebP, HEIC, ...) are
re-encoded as a high-quality JPEG, upright and without metadata, which also makes
an iPhone's HEIC viewable in any browser.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps

from eventlens.core.media.decode import probe

GPS_IFD = 0x8825
REENCODE_QUALITY = 95
_SOI = b"\xff\xd8"
_APP0, _APP1, _APP2, _APP14 = 0xE0, 0xE1, 0xE2, 0xEE
_APP_RANGE = range(0xE0, 0xF0)
_COMMENT = 0xFE
_ICC_HEADER = b"ICC_PROFILE\x00"
_START_OF_SCAN = 0xDA
_END_OF_IMAGE = 0xD9
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
_EXIF_HEADER = b"Exif\x00\x00"


@dataclass(frozen=True)
class ShareableImage:
    data: bytes
    mime: str
    extension: str
    reencoded: bool = False  # costly to make again: worth keeping


def shareable(data: bytes) -> ShareableImage:
    """The photo as a guest may download it: same bytes minus any GPS position."""
    image, fmt = probe(data)
    if fmt == "JPEG":
        rewritten = strip_jpeg_gps(data)
        if rewritten is not None:
            return ShareableImage(rewritten, "image/jpeg", "jpg")
    return ShareableImage(_reencode(image), "image/jpeg", "jpg", reencoded=True)


def strip_jpeg_gps(data: bytes) -> bytes | None:
    """The primary JPEG image without GPS or metadata that may hold it; None if unwalkable."""
    if not data.startswith(_SOI):
        return None
    out = bytearray(_SOI)
    position = 2
    while position + 2 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == _END_OF_IMAGE:  # whatever follows is not this image: drop it
            return bytes(out + data[position : position + 2])
        if marker in _STANDALONE:
            out += data[position : position + 2]
            position += 2
            continue
        if position + 4 > len(data):
            return None
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        end = position + 2 + length
        if length < 2 or end > len(data):
            return None
        if marker == _APP1 and data[position + 4 : end].startswith(_EXIF_HEADER):
            out += _exif_segment(data[position + 4 : end])
        elif _kept(marker, data[position + 4 : end]):
            out += data[position:end]
        if marker == _START_OF_SCAN:
            scan_end = _entropy_end(data, end)
            out += data[end:scan_end]
            end = scan_end
        position = end
    return None


def _kept(marker: int, payload: bytes) -> bool:
    """Segments a viewer needs; every other APPn and comments may carry a position."""
    if marker == _COMMENT:
        return False
    if marker in _APP_RANGE:
        return marker in (_APP0, _APP14) or (marker == _APP2 and payload.startswith(_ICC_HEADER))
    return True


def _entropy_end(data: bytes, start: int) -> int:
    """Where a scan's coded data ends: the first marker that is not stuffing or a restart."""
    position = start
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1 if following == 0xFF else 2
            continue
        return position


def _exif_segment(payload: bytes) -> bytes:
    exif = Image.Exif()
    try:
        exif.load(payload)
        exif.pop(GPS_IFD, None)
        cleaned = exif.tobytes()
    except Exception:  # unreadable EXIF goes whole rather than risk keeping GPS
        return b""
    if len(cleaned) + 2 > 0xFFFF:
        return b""
    return b"\xff\xe1" + (len(cleaned) + 2).to_bytes(2, "big") + cleaned


def _reencode(image: Image.Image) -> bytes:
    upright = ImageOps.exif_transpose(image).convert("RGB")
    output = io.BytesIO()
    icc = image.info.get("icc_profile")
    upright.save(
        output,
        "JPEG",
        quality=REENCODE_QUALITY,
        icc_profile=icc if isinstance(icc, bytes) else None,
    )
    return output.getvalue()
