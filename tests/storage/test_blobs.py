from __future__ import annotations

import hashlib
from pathlib import Path

from eventlens.storage.blobs import BlobStore


def test_blobs_are_content_addressed_and_kept_once(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    first = store.put(b"photo bytes")
    second = store.put(b"photo bytes")
    assert first == second == hashlib.sha256(b"photo bytes").hexdigest()
    assert store.get(first) == b"photo bytes"
    assert store.path(first).relative_to(tmp_path).parts[:2] == (first[:2], first[2:4])
    assert len(list(tmp_path.rglob("*"))) == 3  # two folders and one file


def test_no_partial_files_are_left(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    store.put(b"x" * 100_000)
    assert not list(tmp_path.rglob("*.part"))


def test_delete_removes_the_blob(tmp_path: Path) -> None:
    store = BlobStore(tmp_path)
    sha = store.put(b"bye")
    store.delete(sha)
    assert not store.exists(sha)
    store.delete(sha)  # deleting twice is harmless
