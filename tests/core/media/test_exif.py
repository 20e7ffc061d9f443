from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from eventlens.core.errors import NotAnImageError
from eventlens.core.media.exif import GPS_IFD, shareable, strip_jpeg_gps

ORIENTATION, MAKE = 0x0112, 0x010F
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="55,45.2N"/></rdf:RDF></x:xmpmeta>'
)


def _photo(fmt: str = "JPEG") -> bytes:
    pixels = np.random.default_rng(1).integers(0, 255, (60, 80, 3), dtype=np.uint8)
    image = Image.fromarray(pixels)
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[MAKE] = "FrameMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (55.0, 45.0, 12.0), 3: "E", 4: (37.0, 37.0, 6.0)})
    output = io.BytesIO()
    extra = {"xmp": XMP} if fmt == "JPEG" else {}
    image.save(output, fmt, exif=exif.tobytes(), **extra)
    return output.getvalue()


def _scan(data: bytes) -> bytes:
    return data[data.index(b"\xff\xda") :]


def test_a_jpeg_loses_its_position_and_keeps_everything_else() -> None:
    original = _photo()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)
    assert b"GPSLatitude" in original

    shared = shareable(original)

    image = Image.open(io.BytesIO(shared.data))
    exif = image.getexif()
    assert shared.mime == "image/jpeg"
    assert GPS_IFD not in exif and not exif.get_ifd(GPS_IFD)
    assert exif[ORIENTATION] == 6
    assert exif[MAKE] == "FrameMaker"
    assert b"GPSLatitude" not in shared.data  # the XMP copy is gone too
    assert _scan(shared.data) == _scan(original)  # not a pixel re-encoded


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload


@pytest.mark.filterwarnings("ignore:Image appears to be a malformed MPO file")
def test_no_position_survives_in_trailers_iptc_comments_or_vendor_segments() -> None:
    original = _photo()
    gps_twin = _photo()  # an appended JPEG (gain map, motion photo, MPF image) with GPS
    iptc = b"Photoshop 3.0\x008BIM\x04\x04GPSLatitude 55.7536"
    hidden = (
        _segment(0xED, iptc)  # APP13, Photoshop IRB / IPTC
        + _segment(0xFE, b"shot at 55.7536N 37.6211E GPSLatitude")  # a comment
        + _segment(0xE5, b"vendor GPSLatitude 55.75")  # an APP5 vendor block
        + _segment(0xE2, b"MPF\x00" + b"GPSLatitude")  # the MPF index of appended images
    )
    crafted = original[:2] + hidden + original[2:] + gps_twin + b"GPSLatitude trailer"
    pixels = np.asarray(Image.open(io.BytesIO(original)))

    shared = shareable(crafted).data

    assert b"GPSLatitude" not in shared
    assert b"55.75" not in shared and b"\x00\x00\x007\x00\x00\x00" not in shared
    assert shared.endswith(b"\xff\xd9") and gps_twin not in shared
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(shared))), pixels)
    assert Image.open(io.BytesIO(shared)).getexif()[MAKE] == "FrameMaker"


def test_a_progressive_jpeg_keeps_every_scan() -> None:
    output = io.BytesIO()
    pixels = np.random.default_rng(2).integers(0, 255, (64, 64, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(output, "JPEG", progressive=True)
    progressive = output.getvalue()

    stripped = strip_jpeg_gps(progressive + b"trailer")

    assert stripped == progressive


def test_a_jpeg_without_metadata_is_unchanged() -> None:
    output = io.BytesIO()
    Image.new("RGB", (32, 32), "red").save(output, "JPEG")
    assert strip_jpeg_gps(output.getvalue()) == output.getvalue()


def test_other_formats_become_upright_jpegs_without_metadata() -> None:
    shared = shareable(_photo("PNG"))

    image = Image.open(io.BytesIO(shared.data))
    assert image.format == "JPEG"
    assert image.size == (60, 80)  # orientation 6 applied
    assert not image.getexif()


def test_a_truncated_segment_is_not_walked() -> None:
    assert strip_jpeg_gps(b"\xff\xd8\xff\xe1\x40\x00Exif") is None


def test_not_an_image_is_refused() -> None:
    with pytest.raises(NotAnImageError):
        shareable(b"%PDF-1.7 not a photo")
