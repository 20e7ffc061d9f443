"""Minimal valid DNG files, built byte by byte, for RAW tests.

No package here ships real RAW files, so the tests write the smallest DNG LibRaw
reads: IFD0 holds a JPEG preview (NewSubFileType 1, with the DNG tags), its SubIFD
a 12-bit Bayer mosaic (RGGB). The preview is any JPEG the test chooses, so the
embedded-preview path can be checked with a real photo; the mosaic is a smooth
gradient, enough for the half-size demosaic path.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np

BYTE, ASCII, SHORT, LONG, RATIONAL, SRATIONAL = 1, 2, 3, 4, 5, 10
Entry = tuple[int, int, Sequence[int] | bytes]


def _encode(kind: int, values: Sequence[int] | bytes) -> tuple[bytes, int]:
    """The value bytes of a tag and its TIFF count."""
    if kind == ASCII:
        assert isinstance(values, bytes)
        return values + b"\0", len(values) + 1
    numbers = list(values)
    if kind == BYTE:
        return bytes(numbers), len(numbers)
    if kind == SHORT:
        return struct.pack(f"<{len(numbers)}H", *numbers), len(numbers)
    if kind == LONG:
        return struct.pack(f"<{len(numbers)}I", *numbers), len(numbers)
    code = "I" if kind == RATIONAL else "i"  # values are numerator, denominator pairs
    return struct.pack(f"<{len(numbers)}{code}", *numbers), len(numbers) // 2


def _ifd(entries: list[Entry], start: int) -> bytes:
    """One IFD placed at `start`, its long values right after it."""
    entries = sorted(entries, key=lambda entry: entry[0])
    data_at = start + 2 + 12 * len(entries) + 4
    body, data = b"", b""
    for tag, kind, values in entries:
        raw, count = _encode(kind, values)
        if len(raw) <= 4:
            field = raw.ljust(4, b"\0")
        else:
            field = struct.pack("<I", data_at + len(data))
            data += raw + (b"\0" if len(raw) % 2 else b"")
        body += struct.pack("<HHI", tag, kind, count) + field
    return struct.pack("<H", len(entries)) + body + struct.pack("<I", 0) + data


def dng(
    preview: bytes, preview_size: tuple[int, int], raw_size: tuple[int, int], orientation: int = 1
) -> bytes:
    """A DNG with `preview` (a JPEG of `preview_size` = (width, height)) embedded."""
    raw_width, raw_height = raw_size
    ramp = np.add.outer(np.arange(raw_height) * 8, np.arange(raw_width) * 12) % 4096
    mosaic = ramp.astype("<u2").tobytes()
    header = 8
    preview_at = header
    mosaic_at = preview_at + len(preview) + len(preview) % 2
    sub_ifd_at = mosaic_at + len(mosaic)
    sub_ifd = _ifd(
        [
            (254, LONG, [0]),
            (256, LONG, [raw_width]),
            (257, LONG, [raw_height]),
            (258, SHORT, [16]),
            (259, SHORT, [1]),
            (262, SHORT, [32803]),
            (273, LONG, [mosaic_at]),
            (277, SHORT, [1]),
            (278, LONG, [raw_height]),
            (279, LONG, [len(mosaic)]),
            (284, SHORT, [1]),
            (33421, SHORT, [2, 2]),
            (33422, BYTE, [0, 1, 1, 2]),
            (50717, LONG, [4095]),
        ],
        sub_ifd_at,
    )
    ifd0_at = sub_ifd_at + len(sub_ifd) + len(sub_ifd) % 2
    width, height = preview_size
    ifd0 = _ifd(
        [
            (254, LONG, [1]),
            (256, LONG, [width]),
            (257, LONG, [height]),
            (258, SHORT, [8, 8, 8]),
            (259, SHORT, [7]),
            (262, SHORT, [6]),
            (271, ASCII, b"EventLens"),
            (272, ASCII, b"Test DNG"),
            (273, LONG, [preview_at]),
            (274, SHORT, [orientation]),
            (277, SHORT, [3]),
            (278, LONG, [height]),
            (279, LONG, [len(preview)]),
            (284, SHORT, [1]),
            (330, LONG, [sub_ifd_at]),
            (50706, BYTE, [1, 4, 0, 0]),
            (50707, BYTE, [1, 1, 0, 0]),
            (50708, ASCII, b"EventLens Test DNG"),
            (50721, SRATIONAL, [1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1]),
            (50728, RATIONAL, [1, 1, 1, 1, 1, 1]),
            (50778, SHORT, [21]),
        ],
        ifd0_at,
    )
    head = b"II*\0" + struct.pack("<I", ifd0_at)
    body = preview + b"\0" * (len(preview) % 2) + mosaic + sub_ifd + b"\0" * (len(sub_ifd) % 2)
    return head + body + ifd0
