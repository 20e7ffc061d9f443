"""Watermarked previews on disk: `previews/<event id>/<photo id>.<version>.<long side>.jpg`.

A preview is rendered once per photo, watermark version and size. Writing one
removes the photo's files of other versions, so a changed watermark replaces its
previews lazily; a deleted photo or event takes its files along (`drop_photo`,
`drop_event`), and the start-up sweep removes what a crash left (`keep_only`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Set
from pathlib import Path


class PreviewCache:
    def __init__(self, root: Path) -> None:
        self._root = root

    def path(self, event_id: str, photo_id: str, version: int, long_side: int) -> Path:
        return self._root / event_id / f"{photo_id}.{version}.{long_side}.jpg"

    def read(self, event_id: str, photo_id: str, version: int, long_side: int) -> bytes | None:
        try:
            return self.path(event_id, photo_id, version, long_side).read_bytes()
        except FileNotFoundError:
            return None

    def write(
        self, event_id: str, photo_id: str, version: int, long_side: int, data: bytes
    ) -> None:
        target = self.path(event_id, photo_id, version, long_side)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for old in target.parent.glob(f"{photo_id}.*.jpg"):
            if old.name.split(".")[1] != str(version):
                old.unlink(missing_ok=True)

    def drop_photo(self, event_id: str, photo_id: str) -> None:
        for cached in (self._root / event_id).glob(f"{photo_id}.*"):
            cached.unlink(missing_ok=True)

    def drop_event(self, event_id: str) -> None:
        shutil.rmtree(self._root / event_id, ignore_errors=True)

    def photo_ids(self, event_id: str) -> set[str]:
        return {path.name.split(".", 1)[0] for path in (self._root / event_id).glob("*")}

    def event_ids(self) -> set[str]:
        if not self._root.is_dir():
            return set()
        return {path.name for path in self._root.iterdir() if path.is_dir()}

    def keep_only(self, event_id: str, photo_ids: Set[str]) -> int:
        """Delete the event's files of photos not in `photo_ids`; returns how many."""
        removed = 0
        for path in list((self._root / event_id).glob("*")):
            if path.name.split(".", 1)[0] not in photo_ids or path.name.endswith(".part"):
                path.unlink(missing_ok=True)
                removed += 1
        return removed
