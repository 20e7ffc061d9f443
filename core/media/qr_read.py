"""Find an event's deep link in a photo of its printed QR code.

Posters are photographed at an angle, small in the frame or from close up, so
the image is tried at a few sizes with both of OpenCV's detectors (the classic
one and the ArUco-based one, which copes better with perspective and blur).

A guest who already joined mostly sends selfies, and the thorough scan costs five
times a face search on a selfie with no code, so they get the quick passes
(`QUICK`, ArUco at two sizes: every code ArUco read in our poster trials) and the
rest (`REST`) only when the photo turns out to hold no face.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal
from urllib.parse import parse_qs, urlparse

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.errors import ImageError
from eventlens.core.media.decode import decode_image

JOIN_PREFIX = "ev_"
Detector = Literal["aruco", "classic"]
Pass = tuple[int, Detector]  # the long side the image is scaled to, and the detector
# Most phone photos of a poster decode in the first pass; the classic detector is
# slow (~0.4 s for both of its large passes) but alone reads the steepest angles.
QUICK: tuple[Pass, ...] = ((1280, "aruco"), (2000, "aruco"))
REST: tuple[Pass, ...] = (
    (1280, "classic"),
    (2000, "classic"),
    (900, "aruco"),
    (900, "classic"),
    (640, "aruco"),
    (640, "classic"),
)
THOROUGH = QUICK + REST
# A located but unread code is cut out with this margin and enlarged to these sides.
CROP_MARGIN = 0.25
CROP_SIDES = (600, 1000)
# Small codes in big photos need their pixels: a phone photo decodes whole, only
# larger images are reduced (which also bounds what a hostile image costs).
QR_LONG_SIDE = 4096


def join_payload(text: str) -> str | None:
    """`ev_<token>` from a `https://t.me/<bot>?start=ev_<token>` link (or the bare payload)."""
    text = text.strip()
    if text.startswith(JOIN_PREFIX):
        return text
    parsed = urlparse(text)
    if parsed.scheme not in {"http", "https", "tg"}:
        return None
    for value in parse_qs(parsed.query).get("start", []):
        if value.startswith(JOIN_PREFIX) and len(value) > len(JOIN_PREFIX):
            return value
    return None


def find_join_payload(data: bytes, passes: Sequence[Pass] = THOROUGH) -> str | None:
    """The event deep link in the photo's QR codes, or None (no code, or other codes)."""
    try:
        image = decode_image(data, target_long_side=QR_LONG_SIDE)
    except ImageError:
        return None
    gray = np.asarray(cv2.cvtColor(image.pixels, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    for texts in _read_codes(gray, passes):
        payloads = [payload for text in texts if (payload := join_payload(text))]
        if texts:  # codes were read in this pass: the others would read the same
            return payloads[0] if payloads else None
    return None


def _read_codes(gray: NDArray[np.uint8], passes: Sequence[Pass]) -> Iterator[list[str]]:
    """The texts read in each pass in turn. A code located but not read is retried
    from a crop of the full-resolution image, enlarged, where its modules are sharpest."""
    detectors = {"aruco": cv2.QRCodeDetectorAruco(), "classic": cv2.QRCodeDetector()}
    for size, kind in passes:
        ratio = size / max(gray.shape[:2])
        scaled = _resized(gray, ratio)
        detector = detectors[kind]
        try:
            _, texts, points, _ = detector.detectAndDecodeMulti(scaled)
        except cv2.error:
            continue
        read: list[str] = []
        for text, quad in zip(texts or (), points if points is not None else (), strict=False):
            if not text:
                text = _decode_crop(gray, np.asarray(quad, dtype=np.float32) / ratio)
            if text:
                read.append(text)
        yield read


def _decode_crop(gray: NDArray[np.uint8], quad: NDArray[np.float32]) -> str:
    (x0, y0), (x1, y1) = quad.min(axis=0), quad.max(axis=0)
    margin = CROP_MARGIN * max(x1 - x0, y1 - y0)
    top, left = int(max(0.0, y0 - margin)), int(max(0.0, x0 - margin))
    crop = gray[top : int(y1 + margin), left : int(x1 + margin)]
    if min(crop.shape[:2]) < 8:
        return ""
    for side in CROP_SIDES:
        enlarged = _resized(crop, side / max(crop.shape[:2]))
        for detector in (cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()):
            try:
                text, _, _ = detector.detectAndDecode(enlarged)
            except cv2.error:
                continue
            if text:
                return str(text)
    return ""


def _resized(gray: NDArray[np.uint8], ratio: float) -> NDArray[np.uint8]:
    if abs(ratio - 1.0) < 0.05:
        return gray
    interpolation = cv2.INTER_AREA if ratio < 1 else cv2.INTER_CUBIC
    return np.asarray(
        cv2.resize(gray, None, fx=ratio, fy=ratio, interpolation=interpolation), dtype=np.uint8
    )
