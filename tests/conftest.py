"""Shared fixtures: one real model per test session, temporary stores per test."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import AsyncIterator
from pathlib import Path

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

os.environ["ANONYMIZED_TELEMETRY"] = "False"

from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.model_pack import resolve_pack
from eventlens.services import Services
from eventlens.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
MODEL_CACHE = Path(__file__).resolve().parents[1] / ".pytest_cache" / "models"


def package_file(package: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


def jpeg(image: NDArray[np.uint8], quality: int = 92) -> bytes:
    ok, buffer = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return bytes(buffer)


@pytest.fixture(scope="session")
def shared_datasets() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/datasets is absent (it sits beside the checkout in development)")
    return SHARED


@pytest.fixture(scope="session")
def t1_path() -> Path:
    """insightface's bundled group photo of six people."""
    return package_file("insightface", "data", "images", "t1.jpg")


@pytest.fixture(scope="session")
def t1_image(t1_path: Path) -> NDArray[np.uint8]:
    image = cv2.imread(str(t1_path))
    assert image is not None
    return np.asarray(image, dtype=np.uint8)


@pytest.fixture(scope="session")
def engine() -> FaceEngine:
    """The real bundled buffalo_s models, loaded once for the whole run."""
    pack = resolve_pack("buffalo_s", MODEL_CACHE, Path("~/.insightface").expanduser())
    face_engine = FaceEngine(pack, ["CPUExecutionProvider"])
    face_engine.load()
    return face_engine


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", providers=("CPUExecutionProvider",))


@pytest.fixture
async def services(settings: Settings, engine: FaceEngine) -> AsyncIterator[Services]:
    opened = await Services.open(settings, engine=engine)
    try:
        yield opened
    finally:
        await opened.close()
