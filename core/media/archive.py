"""Read photos out of a ZIP without trusting it.

Nothing is extracted to disk, so `../` entries cannot escape, but they are still
reported and skipped. Sizes declared in the headers are treated as claims: every
entry is read through a cap, so a ZIP bomb costs at most one capped read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from eventlens.core.errors import ArchiveError

MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 8 * 1024 * 1024 * 1024
# Photos barely compress; a 1000:1 ratio on anything sizeable is a bomb.
MAX_RATIO = 1000
_RATIO_FLOOR_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    """An archive member: its bytes, or why it was skipped."""

    name: str
    data: bytes | None = None
    reason: str | None = None


def is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06")


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
        raise ArchiveError("The ZIP archive is corrupt or not a ZIP file.") from error
    with archive:
        members = [info for info in archive.infolist() if not _ignored(info.filename)]
        if len(members) > MAX_ENTRIES:
            raise ArchiveError(
                f"The ZIP archive holds {len(members)} files; the limit is {MAX_ENTRIES}."
            )
        total = 0
        for info in members:
            name = info.filename
            if _unsafe(name):
                yield Entry(name, reason="unsafe path in archive (absolute or '..')")
                continue
            if info.flag_bits & 0x1:
                yield Entry(name, reason="encrypted entry")
                continue
            if info.file_size > MAX_ENTRY_BYTES:
                yield Entry(name, reason="file too large once unpacked")
                continue
            if info.file_size > _RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                yield Entry(name, reason="suspicious compression ratio (ZIP bomb)")
                continue
            if total >= MAX_TOTAL_BYTES:
                yield Entry(name, reason="archive too large once unpacked")
                continue
            try:
                with archive.open(info) as member:
                    data = member.read(MAX_ENTRY_BYTES + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
                yield Entry(name, reason="corrupt entry in archive")
                continue
            if len(data) > MAX_ENTRY_BYTES:
                yield Entry(name, reason="file too large once unpacked")
                continue
            total += len(data)
            if is_zip(data[:4]):
                yield Entry(name, reason="archives inside archives are not opened")
                continue
            yield Entry(name, data=data)
