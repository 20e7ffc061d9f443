"""Read photos out of a ZIP without trusting it; the one place that says what a ZIP is.

Nothing is extracted to disk, so `../` entries cannot escape, but they are still
reported and skipped. Sizes declared in the headers are treated as claims. The
entry count is read from the end record before the central directory is parsed;
entries whose data overlap (a "better" ZIP bomb reuses one compressed stream many
times) refuse the whole archive; and every byte inflated counts against one budget
per archive, corrupt entries included, so inflating costs at most a small multiple
of what was uploaded.
"""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from typing import IO

from eventlens.core.errors import ArchiveError
from eventlens.core.reasons import Code, Reason

MAX_ENTRIES = 20_000
MAX_ENTRY_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 8 * 1024 * 1024 * 1024
# Photos barely compress, so an archive may inflate to at most this multiple of its
# own size (plus a floor for small archives of PNGs or text-heavy scans).
MAX_EXPANSION = 20
_EXPANSION_FLOOR_BYTES = 64 * 1024 * 1024
_READ_CHUNK = 1024 * 1024
_END_RECORD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_END_SEARCH = 22 + 0xFFFF
# Photos barely compress; a 1000:1 ratio on anything sizeable is a bomb.
MAX_RATIO = 1000
_RATIO_FLOOR_BYTES = 1024 * 1024
# A local file header, or the end record of an empty archive.
_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
HEAD_BYTES = 4
ZIP_TYPES = frozenset({"application/zip", "application/x-zip-compressed"})


@dataclass(frozen=True)
class Entry:
    """An archive member: its bytes, or why it was skipped; `position` counts from 1."""

    name: str
    data: bytes | None = None
    reason: Reason | None = None
    position: int = 0


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


def _skip(name: str, code: Code, position: int) -> Entry:
    return Entry(name, reason=Reason(code), position=position)


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


def read_zip(
    stream: IO[bytes], after: int = 0, passed_over: Mapping[int, Reason] | None = None
) -> Iterator[Entry]:
    """Yield every member worth looking at; raise `ArchiveError` for a broken or hostile one.

    Members up to position `after` (already handled before a restart) are neither
    inflated nor yielded; those in `passed_over` are yielded with that reason, uninflated.
    """
    size = stream.seek(0, io.SEEK_END)
    declared = _declared_entries(stream, size)
    if declared > MAX_ENTRIES:
        raise ArchiveError(Code.ZIP_TOO_MANY_FILES, count=declared, limit=MAX_ENTRIES)
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArchiveError(Code.ZIP_CORRUPT) from error
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ArchiveError(Code.ZIP_TOO_MANY_FILES, count=len(infos), limit=MAX_ENTRIES)
        if _overlapping(infos):
            raise ArchiveError(Code.ZIP_BOMB)
        budget = min(MAX_TOTAL_BYTES, max(_EXPANSION_FLOOR_BYTES, MAX_EXPANSION * size))
        total, position = 0, 0
        for info in infos:
            name = info.filename
            if _ignored(name):
                continue
            position += 1
            if position <= after:
                continue
            if passed_over and position in passed_over:
                yield Entry(name, reason=passed_over[position], position=position)
                continue
            skip = _refused(info)
            if skip is not None:
                yield _skip(name, skip, position)
                continue
            if total >= budget:
                yield _skip(name, Code.ZIP_TOO_LARGE, position)
                continue
            data, inflated, failed = _inflate(archive, info, budget - total)
            total += inflated  # counted whether or not the entry turned out corrupt
            if failed:
                yield _skip(name, Code.ZIP_ENTRY_CORRUPT, position)
            elif data is None:
                over = Code.ZIP_ENTRY_TOO_LARGE if total < budget else Code.ZIP_TOO_LARGE
                yield _skip(name, over, position)
            elif is_zip(data):
                yield _skip(name, Code.ZIP_NESTED, position)
            else:
                yield Entry(name, data=data, position=position)


def _refused(info: zipfile.ZipInfo) -> Code | None:
    """What the central directory alone says is not worth inflating."""
    if _unsafe(info.filename):
        return Code.ZIP_UNSAFE_PATH
    if info.flag_bits & 0x1:
        return Code.ZIP_ENCRYPTED
    if info.file_size > MAX_ENTRY_BYTES:
        return Code.ZIP_ENTRY_TOO_LARGE
    if info.file_size > _RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
        info.compress_size, 1
    ):
        return Code.ZIP_BOMB
    return None


def _inflate(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, allowance: int
) -> tuple[bytes | None, int, bool]:
    """(bytes or None if over a cap, bytes inflated, corrupt) for one member, read in chunks."""
    cap = min(MAX_ENTRY_BYTES, allowance)
    chunks: list[bytes] = []
    inflated = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(min(_READ_CHUNK, cap + 1 - inflated)):
                inflated += len(chunk)
                chunks.append(chunk)
                if inflated > cap:
                    return None, inflated, False
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # The failing read inflated up to a chunk that never reached us: count it too.
        return None, inflated + _READ_CHUNK, True
    return b"".join(chunks), inflated, False


def _overlapping(infos: list[zipfile.ZipInfo]) -> bool:
    """Whether two members claim the same stretch of the file (one stream read many times)."""
    previous_end = -1
    for info in sorted(infos, key=lambda item: item.header_offset):
        if info.header_offset < previous_end:
            return True
        previous_end = info.header_offset + 30 + len(info.filename.encode()) + info.compress_size
    return False


def _declared_entries(stream: IO[bytes], size: int) -> int:
    """The entry count in the end record (ZIP64 too), read without parsing the directory."""
    start = max(0, size - _END_SEARCH)
    stream.seek(start)
    tail = stream.read(size - start)
    at = tail.rfind(_END_RECORD)
    if at < 0 or at + 22 > len(tail):
        return 0  # not a ZIP: zipfile says so next
    count = int(struct.unpack_from("<H", tail, at + 10)[0])
    locator = at - 20
    if locator >= 0 and tail[locator : locator + 4] == _ZIP64_LOCATOR:
        (record_offset,) = struct.unpack_from("<Q", tail, locator + 8)
        stream.seek(record_offset)
        record = stream.read(56)
        if len(record) == 56 and record.startswith(b"PK\x06\x06"):
            count = max(count, int(struct.unpack_from("<Q", record, 32)[0]))
    return count
