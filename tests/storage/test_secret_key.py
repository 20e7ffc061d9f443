from __future__ import annotations

import stat
from pathlib import Path

import pytest

from eventlens.storage.secret_key import KEY_BYTES, load_or_create


def test_the_key_is_made_once_private_and_reused(tmp_path: Path) -> None:
    path = tmp_path / "home" / "share-link.key"

    key = load_or_create(path)

    assert len(key) == KEY_BYTES
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create(path) == key
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


def test_a_damaged_key_is_reported_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "share-link.key"
    path.write_bytes(b"short")
    with pytest.raises(ValueError, match=str(path)):
        load_or_create(path)
