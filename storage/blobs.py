"""Content-addressed originals: `blobs/ab/cd/<sha256>`, written atomically.

The same bytes uploaded twice (or to two events) are kept once. A write goes to a
temporary file in the same folder, is fsynced, then renamed into place, so a crash
never leaves a partial blob under a real name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Set
from pathlib import Path


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    def __init__(self, root: Path) -> None:
        self._root = root

    def path(self, sha256: str) -> Path:
        return self._root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        sha = sha256_hex(data)
        target = self.path(sha)
        if target.is_file() and target.stat().st_size == len(data):
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return sha

    def put_file(self, source: Path) -> str:
        """Move a finished download in by rename (same filesystem), hashing as it streams.

        For archives that may be far larger than memory; `source` is consumed.
        """
        digest = hashlib.sha256()
        with source.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
            os.fsync(stream.fileno())
        sha = digest.hexdigest()
        target = self.path(sha)
        if target.is_file() and target.stat().st_size == source.stat().st_size:
            source.unlink()
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        return sha

    def get(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def keep_only(self, keep: Set[str], written_before: float | None = None) -> int:
        """Delete every original not in `keep` and every half-written file; returns how many.

        Only safe while nothing is being written (at start-up, under the data lock), or,
        when other processes share the folder, for files last written before
        `written_before` (a time.time()): a newer one may be about to get its row.
        """
        removed = 0
        for path in self._root.glob("??/??/*"):
            original = path.name.split(".", 1)[0]
            if not path.is_file() or not (path.name.endswith(".part") or original not in keep):
                continue
            if written_before is not None and path.stat().st_mtime >= written_before:
                continue
            path.unlink(missing_ok=True)
            removed += 1
        return removed

    def derived(self, sha256: str, kind: str) -> Path:
        """Where a file made from this original is kept (it goes when the original goes)."""
        return self.path(sha256).with_name(f"{sha256}.{kind}")

    def put_derived(self, sha256: str, kind: str, data: bytes) -> None:
        target = self.derived(sha256, kind)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)

    def delete(self, sha256: str) -> None:
        self.path(sha256).unlink(missing_ok=True)
        for derived in self.path(sha256).parent.glob(f"{sha256}.*"):
            derived.unlink(missing_ok=True)
