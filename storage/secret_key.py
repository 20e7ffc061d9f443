"""A per-installation secret, generated once and kept under EVENTLENS_HOME.

Created with mode 0600 through a temporary file and a hard link, so two
processes starting together end up with the same key and nobody reads half
of one.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

KEY_BYTES = 32


def load_or_create(path: Path) -> bytes:
    if path.is_file():
        return _read(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(secrets.token_bytes(KEY_BYTES))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)
        with contextlib.suppress(FileExistsError):  # another process won: use its key
            os.link(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return _read(path)


def _read(path: Path) -> bytes:
    key = path.read_bytes()
    if len(key) < KEY_BYTES:
        raise ValueError(f"{path} holds {len(key)} bytes; a key needs {KEY_BYTES}.")
    return key
