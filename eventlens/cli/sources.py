"""Expand the PATHs given to `index` into uploads, each labelled as the user wrote it.

Folders are walked recursively in name order; ZIPs are read through `core.archive`;
`source` is the path exactly as given (`archive.zip:inner/path.jpg` inside a ZIP).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eventlens.core.errors import ArchiveError
from eventlens.core.media.archive import is_zip, read_zip


@dataclass(frozen=True)
class Upload:
    source: str
    data: bytes | None = None
    reason: str | None = None


def expand(paths: list[str]) -> Iterator[Upload]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield from _file(os.path.join(given, os.path.relpath(file, path)), file)
            if not found:
                yield Upload(given, reason="folder holds no files")
        elif path.is_file():
            yield from _file(given, path)
        else:
            yield Upload(given, reason="no such file or folder")


def _walk(root: Path) -> Iterator[Path]:
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name


def _file(source: str, path: Path) -> Iterator[Upload]:
    try:
        with path.open("rb") as stream:
            head = stream.read(4)
            if is_zip(head):
                stream.seek(0)
                try:
                    for entry in read_zip(stream):
                        yield Upload(f"{source}:{entry.name}", entry.data, entry.reason)
                except ArchiveError as error:
                    yield Upload(source, reason=str(error))
                return
            data = head + stream.read()
    except OSError as error:
        yield Upload(source, reason=f"cannot read file: {error.strerror or error}")
        return
    if not data:
        yield Upload(source, reason="empty file")
        return
    yield Upload(source, data)
