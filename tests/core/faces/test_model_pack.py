from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.core.errors import ModelPackError
from eventlens.core.faces.model_pack import resolve_pack, sha256_of

PINNED = {
    "det_500m.onnx": "a3562ef62592bf387f6ef19151282ac127518e51c77696e62e0661bee95ba1ad",
    "w600k_mbf.onnx": "9cc6e4a75f0e2bf0b1aed94578f144d15175f357bdc05e815e5c4a02b319eb4f",
    "2d106det.onnx": "f001b856447c413801ef5c42091ed0cd516fcd21f2d6b79635b1e733a7109dbf",
}


def test_bundled_pack_is_laid_out_as_a_standard_pack(tmp_path: Path) -> None:
    pack = resolve_pack("buffalo_s", tmp_path / "models", tmp_path / "insightface")
    assert pack.directory == tmp_path / "models" / "buffalo_s"
    assert {path.name: sha256_of(path) for path in pack.directory.glob("*.onnx")} == PINNED
    assert pack.detector.name == "det_500m.onnx"
    assert pack.recognizer.name == "w600k_mbf.onnx"
    assert pack.landmarks is not None and pack.landmarks.name == "2d106det.onnx"


def test_a_tampered_model_file_is_replaced_by_the_verified_one(tmp_path: Path) -> None:
    pack = resolve_pack("buffalo_s", tmp_path, tmp_path)
    pack.recognizer.write_bytes(b"not a model")
    again = resolve_pack("buffalo_s", tmp_path, tmp_path)
    assert sha256_of(again.recognizer) == PINNED["w600k_mbf.onnx"]


def test_a_missing_user_pack_says_where_to_put_it(tmp_path: Path) -> None:
    with pytest.raises(ModelPackError) as caught:
        resolve_pack("buffalo_l", tmp_path / "models", tmp_path / "insightface")
    message = str(caught.value)
    assert str(tmp_path / "insightface" / "models" / "buffalo_l") in message
    assert "det_10g.onnx" in message


def test_a_user_pack_is_picked_up_by_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "insightface" / "models" / "antelopev2"
    folder.mkdir(parents=True)
    for name in ("scrfd_10g_bnkps.onnx", "glintr100.onnx", "genderage.onnx", "2d106det.onnx"):
        (folder / name).write_bytes(b"x")
    pack = resolve_pack("antelopev2", tmp_path, tmp_path / "insightface")
    assert pack.detector.name == "scrfd_10g_bnkps.onnx"
    assert pack.recognizer.name == "glintr100.onnx"
    assert pack.landmarks is not None and pack.landmarks.name == "2d106det.onnx"


def test_a_user_pack_without_a_recogniser_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "models" / "half"
    folder.mkdir(parents=True)
    (folder / "det_10g.onnx").write_bytes(b"x")
    with pytest.raises(ModelPackError, match="recogniser"):
        resolve_pack("half", tmp_path / "cache", tmp_path)
