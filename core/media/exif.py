"""Originals fit to share: no GPS position, everything else as the camera wrote it.

A JPEG is rewritten segment by segment without touching a pixel: its EXIF block
loses the GPS directory (orientation, date and camera stay), XMP packets (which
can repeat the position) are dropped. Other formats (PNG, WebP, HEIC, ...) are
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
_APP1 = 0xE1
_START_OF_SCAN = 0xDA
_END_OF_IMAGE = 0xD9
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
_EXIF_HEADER = b"Exif\x00\x00"


@dataclass(frozen=True)
class ShareableImage:
    data: bytes
    mime: str
    extension: str


def shareable(data: bytes) -> ShareableImage:
    """The photo as a guest may download it: same bytes minus any GPS position."""
    image, fmt = probe(data)
    if fmt == "JPEG":
        rewritten = strip_jpeg_gps(data)
        if rewritten is not None:
            return ShareableImage(rewritten, "image/jpeg", "jpg")
    return ShareableImage(_reencode(image), "image/jpeg", "jpg")


def strip_jpeg_gps(data: bytes) -> bytes | None:
    """The JPEG without GPS EXIF or XMP; None if its segments cannot be walked."""
    if not data.startswith(_SOI):
        return None
    out = bytearray(_SOI)
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (_START_OF_SCAN, _END_OF_IMAGE):
            out += data[position:]
            return bytes(out)
        if marker in _STANDALONE:
            out += data[position : position + 2]
            position += 2
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        end = position + 2 + length
        if length < 2 or end > len(data):
            return None
        if marker == _APP1:
            payload = data[position + 4 : end]
            if payload.startswith(_EXIF_HEADER):
                out += _exif_segment(payload)
            # any other APP1 is XMP (or vendor data) and is dropped
        else:
            out += data[position:end]
        position = end
    return None


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
