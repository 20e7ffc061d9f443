"""Shared fixtures: one real model per test session, temporary stores per test."""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from numpy.typing import NDArray

os.environ["ANONYMIZED_TELEMETRY"] = "False"

from eventlens.core.faces.detection import Detection, DetectionPolicy
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.model_pack import ModelPack, resolve_pack
from eventlens.core.media.decode import DecodedImage
from eventlens.services import Services
from eventlens.settings import Settings
from tests.postgres_server import PostgresServer, binaries
from tests.servers import chroma_server, redis_server

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


class SessionEngine(FaceEngine):
    """The real engine, remembering what it found in each image for the rest of the run.

    Tests index the same photos again and again (the demo event alone about twenty
    times), and a crowded photo costs seconds of detection. Detection is deterministic,
    so the answer for the same pixels and policy is computed once and handed out again;
    so is the embedding of the same aligned crop.
    """

    def __init__(self, pack: ModelPack) -> None:
        super().__init__(pack, ["CPUExecutionProvider"])
        self._found: dict[tuple[bytes, DetectionPolicy], list[Detection]] = {}
        self._embedded: dict[bytes, NDArray[np.float32]] = {}

    def detect(self, image: DecodedImage, policy: DetectionPolicy | None = None) -> list[Detection]:
        key = (_digest(image.pixels), policy or self.policy)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = super().detect(image, policy)
        return [replace(one, box=one.box.copy(), landmarks=one.landmarks.copy()) for one in found]

    def embed(self, crops: Sequence[NDArray[np.uint8]]) -> NDArray[np.float32]:
        keys = [_digest(crop) for crop in crops]
        missing = {
            key: crop for key, crop in zip(keys, crops, strict=True) if key not in self._embedded
        }
        if missing:
            vectors = super().embed(list(missing.values()))
            self._embedded.update(zip(missing, vectors, strict=True))
        if not keys:
            return super().embed(crops)
        return np.stack([self._embedded[key] for key in keys])


def _digest(pixels: NDArray[np.uint8]) -> bytes:
    """Content and shape of an image, as a dictionary key."""
    contiguous = np.ascontiguousarray(pixels)
    shape = repr(contiguous.shape).encode()
    return hashlib.blake2b(contiguous.data, digest_size=16).digest() + shape


@pytest.fixture(scope="session")
def engine() -> FaceEngine:
    """The real bundled buffalo_s models, loaded once for the whole run."""
    pack = resolve_pack("buffalo_s", MODEL_CACHE, Path("~/.insightface").expanduser())
    face_engine = SessionEngine(pack)
    face_engine.load()
    return face_engine


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throwaway PostgreSQL cluster for the session (tests/postgres_server.py)."""
    bin_dir = binaries()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (Debian's postgresql: /usr/lib/postgresql/*/bin)")
    server = PostgresServer(bin_dir)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def settings(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Settings]:
    """The test's settings; metadata in PostgreSQL with EVENTLENS_TEST_DATABASE=postgresql."""
    if os.environ.get("EVENTLENS_TEST_DATABASE") != "postgresql":
        yield Settings(home=tmp_path / "home", providers=("CPUExecutionProvider",))
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.new_database()
    try:
        yield Settings(
            home=tmp_path / "home", providers=("CPUExecutionProvider",), database_url=url
        )
    finally:
        server.drop_database(url)


@pytest.fixture
async def services(settings: Settings, engine: FaceEngine) -> AsyncIterator[Services]:
    opened = await Services.open(settings, engine=engine)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture(scope="session")
def chroma_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """Two real `chroma run` servers for the whole session (collections per event id)."""
    folder = tmp_path_factory.mktemp("chroma-servers")
    with chroma_server(folder / "a") as first, chroma_server(folder / "b") as second:
        yield first, second


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `redis-server` for the whole session, with no persistence."""
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url
