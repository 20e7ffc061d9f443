"""Expand the PATHs given to `index` into uploads, each labelled as the user wrote it.

Folders are walked recursively in name order; ZIPs (as `core.media.archive`
recognises them) are read through it; `source` is the path exactly as given
(`archive.zip:inner/path.jpg` inside a ZIP).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventlens.core.errors import ArchiveError
from eventlens.core.media.archive import HEAD_BYTES, is_zip, read_zip
from eventlens.core.reasons import Code, Reason


@dataclass(frozen=True)
class Upload:
    source: str
    data: bytes | None = None
    reason: Reason | None = None


def expand(paths: list[str]) -> Iterator[Upload]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield from _file(os.path.join(given, os.path.relpath(file, path)), file)
            if not found:
                yield Upload(given, reason=Reason(Code.EMPTY_FOLDER))
        elif path.is_file():
            yield from _file(given, path)
        else:
            yield Upload(given, reason=Reason(Code.NO_SUCH_PATH))


def _walk(root: Path) -> Iterator[Path]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def _file(source: str, path: Path) -> Iterator[Upload]:
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD_BYTES)
            if is_zip(head):
                stream.seek(0)
                try:
                    for entry in read_zip(stream):
                        yield Upload(f"{source}:{entry.name}", entry.data, entry.reason)
                except ArchiveError as error:
                    yield Upload(source, reason=error.why)
                return
            data = head + stream.read()
    except OSError as error:
        yield Upload(
            source, reason=Reason(Code.UNREADABLE_FILE, {"error": error.strerror or str(error)})
        )
        return
    if not data:
        yield Upload(source, reason=Reason(Code.EMPTY_FILE))
        return
    yield Upload(source, data)
