"""Read photos out of a ZIP without trusting it; the one place that says what a ZIP is.

Nothing is extracted to disk, so `../` entries cannot escape, but they are still
reported and skipped. Sizes declared in the headers are treated as claims: every
entry is read through a cap, so a ZIP bomb costs at most one capped read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from typing import IO

from eventlens.core.errors import ArchiveError
from eventlens.core.reasons import Code, Reason

MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 8 * 1024 * 1024 * 1024
# Photos barely compress; a 1000:1 ratio on anything sizeable is a bomb.
MAX_RATIO = 1000
_RATIO_FLOOR_BYTES = 1024 * 1024
# A local file header, or the end record of an empty archive.
_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
HEAD_BYTES = 4
ZIP_TYPES = frozenset({"application/zip", "application/x-zip-compressed"})


@dataclass(frozen=True)
class Entry:
    """An archive member: its bytes, or why it was skipped."""

    name: str
    data: bytes | None = None
    reason: Reason | None = None


def is_zip(data: bytes) -> bool:
    """The decision: a ZIP is whatever starts with a ZIP signature, however it is named."""
    return data[:HEAD_BYTES].startswith(_SIGNATURES)


def is_zip_file(path: Path) -> bool:
    with path.open("rb") as stream:
        return is_zip(stream.read(HEAD_BYTES))


def claims_zip(name: str, mime_type: str) -> bool:
    """Whether a file's name or declared type says ZIP, before its bytes are at hand.

    Only a hint for where to put the download: `is_zip` decides once the bytes arrive.
    """
    return PurePath(name.lower()).suffix == ".zip" or mime_type.lower() in ZIP_TYPES


def _skip(name: str, code: Code) -> Entry:
    return Entry(name, reason=Reason(code))


def _ignored(name: str) -> bool:
    """Folders and the metadata files that macOS and Windows add to every archive."""
    parts = PurePosixPath(name).parts
    return (
        name.endswith("/")
        or "__MACOSX" in parts
        or (bool(parts) and parts[-1].startswith("."))
        or (bool(parts) and parts[-1].lower() in {"thumbs.db", "desktop.ini"})
    )


def _unsafe(name: str) -> bool:
    normalised = name.replace("\\", "/")
    return (
        normalised.startswith("/")
        or ".." in PurePosixPath(normalised).parts
        or (len(normalised) > 1 and normalised[1] == ":")
    )


def read_zip(stream: IO[bytes]) -> Iterator[Entry]:
    """Yield every member worth looking at; raise `ArchiveError` for a broken archive."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArchiveError(Code.ZIP_CORRUPT) from error
    with archive:
        members = [info for info in archive.infolist() if not _ignored(info.filename)]
        if len(members) > MAX_ENTRIES:
            raise ArchiveError(Code.ZIP_TOO_MANY_FILES, count=len(members), limit=MAX_ENTRIES)
        total = 0
        for info in members:
            name = info.filename
            if _unsafe(name):
                yield _skip(name, Code.ZIP_UNSAFE_PATH)
                continue
            if info.flag_bits & 0x1:
                yield _skip(name, Code.ZIP_ENCRYPTED)
                continue
            if info.file_size > MAX_ENTRY_BYTES:
                yield _skip(name, Code.ZIP_ENTRY_TOO_LARGE)
                continue
            if info.file_size > _RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                yield _skip(name, Code.ZIP_BOMB)
                continue
            if total >= MAX_TOTAL_BYTES:
                yield _skip(name, Code.ZIP_TOO_LARGE)
                continue
            try:
                with archive.open(info) as member:
                    data = member.read(MAX_ENTRY_BYTES + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                yield _skip(name, Code.ZIP_ENTRY_CORRUPT)
                continue
            if len(data) > MAX_ENTRY_BYTES:
                yield _skip(name, Code.ZIP_ENTRY_TOO_LARGE)
                continue
            total += len(data)
            if is_zip(data):
                yield _skip(name, Code.ZIP_NESTED)
                continue
            yield Entry(name, data=data)
