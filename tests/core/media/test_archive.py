from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from eventlens.core.errors import ArchiveError
from eventlens.core.media.archive import MAX_ENTRIES, claims_zip, is_zip, is_zip_file, read_zip
from eventlens.core.reasons import Code, Reason


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_reads_photos_and_skips_system_junk() -> None:
    archive = _zip(
        {
            "party/a.jpg": b"A",
            "party/.DS_Store": b"x",
            "__MACOSX/party/._a.jpg": b"x",
            "Thumbs.db": b"x",
            "b.jpg": b"B",
        }
    )
    entries = list(read_zip(archive))
    assert [(entry.name, entry.data) for entry in entries] == [
        ("party/a.jpg", b"A"),
        ("b.jpg", b"B"),
    ]


@pytest.mark.parametrize("name", ["../escape.jpg", "a/../../b.jpg", "/etc/passwd", "C:/x.jpg"])
def test_path_traversal_entries_are_skipped_with_a_reason(name: str) -> None:
    entries = list(read_zip(_zip({name: b"x", "ok.jpg": b"y"})))
    assert entries[0].data is None
    assert entries[0].reason == Reason(Code.ZIP_UNSAFE_PATH)
    assert entries[1].data == b"y"


def test_zip_bomb_entry_is_refused_without_unpacking() -> None:
    archive = _zip({"bomb.jpg": b"\0" * (50 * 1024 * 1024)}, zipfile.ZIP_DEFLATED)
    assert len(archive.getvalue()) < 200_000
    (entry,) = list(read_zip(archive))
    assert entry.data is None
    assert entry.reason == Reason(Code.ZIP_BOMB)


def test_nested_archives_are_not_opened() -> None:
    inner = _zip({"x.jpg": b"x"}).getvalue()
    (entry,) = list(read_zip(_zip({"inner.zip": inner})))
    assert entry.reason == Reason(Code.ZIP_NESTED)


def test_corrupt_archive_raises_a_clear_error() -> None:
    with pytest.raises(ArchiveError, match="corrupt") as raised:
        list(read_zip(io.BytesIO(b"PK\x03\x04 this is not really a zip")))
    assert raised.value.code == Code.ZIP_CORRUPT


def test_too_many_entries_is_refused() -> None:
    archive = _zip({f"{index}.jpg": b"" for index in range(MAX_ENTRIES + 1)})
    with pytest.raises(ArchiveError, match="limit") as raised:
        list(read_zip(archive))
    assert raised.value.why == Reason(
        Code.ZIP_TOO_MANY_FILES, {"count": MAX_ENTRIES + 1, "limit": MAX_ENTRIES}
    )


def test_ten_thousand_tiny_entries_are_each_reported() -> None:
    archive = _zip({f"tiny/{index}.txt": b"." for index in range(10_000)})
    entries = list(read_zip(archive))
    assert len(entries) == 10_000
    assert all(entry.data == b"." for entry in entries)


def test_zip_signature() -> None:
    assert is_zip(b"PK\x03\x04")
    assert not is_zip(b"\xff\xd8\xff\xe0")


def test_the_bytes_decide_what_a_zip_is_whatever_its_name(tmp_path: Path) -> None:
    disguised = tmp_path / "photo.jpg"
    disguised.write_bytes(_zip({"a.jpg": b"x"}).getvalue())
    named = tmp_path / "party.zip"
    named.write_bytes(b"\xff\xd8\xff not a zip")
    assert is_zip_file(disguised) and not is_zip_file(named)
    assert claims_zip("party.ZIP", "") and claims_zip("x", "application/zip")
    assert not claims_zip("photo.jpg", "image/jpeg")
