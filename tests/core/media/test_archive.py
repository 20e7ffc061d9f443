from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
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


def _with_bad_crcs(archive: io.BytesIO) -> io.BytesIO:
    """Every entry's CRC wrong, in both headers: each fails only after full inflation."""
    data = bytearray(archive.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as parsed:
        crcs = {info.CRC for info in parsed.infolist()}
    for crc in crcs:
        data = data.replace(crc.to_bytes(4, "little"), (crc ^ 0xFFFFFFFF).to_bytes(4, "little"))
    return io.BytesIO(bytes(data))


def test_corrupt_entries_count_against_the_inflation_budget() -> None:
    # 4 MB that deflate about 38:1: under the per-entry ratio check, over the archive's budget.
    sparse = np.zeros(4 * 1024 * 1024, np.uint8)
    sparse[np.random.default_rng(0).integers(0, sparse.size, 60_000)] = 1
    payload = sparse.tobytes()
    entries = {f"{i}.jpg": payload[i:] + payload[:i] for i in range(60)}
    bomb = _with_bad_crcs(_zip(entries, zipfile.ZIP_DEFLATED))

    read = list(read_zip(bomb))

    codes = [entry.reason.code for entry in read if entry.reason is not None]
    assert len(codes) == 60
    corrupt = codes.count(Code.ZIP_ENTRY_CORRUPT)
    budget = max(64 * 1024 * 1024, 20 * len(bomb.getvalue()))
    assert 0 < corrupt * len(payload) <= budget + len(payload), "at most the budget inflated"
    assert codes[corrupt:] == [Code.ZIP_TOO_LARGE] * (60 - corrupt)


def test_entries_sharing_one_compressed_stream_refuse_the_archive() -> None:
    single = _zip({"a.jpg": b"\0" * 100_000}, zipfile.ZIP_DEFLATED).getvalue()
    directory = single.index(b"PK\x01\x02")
    end = single.index(b"PK\x05\x06")
    record = single[directory:end]
    copies = [record.replace(b"a.jpg", f"{i}.jpg".encode()) for i in range(2)]
    copies = [copy for copy in copies if len(copy) == len(record)]
    tail = bytearray(single[end:])
    tail[8:10] = tail[10:12] = (1 + len(copies)).to_bytes(2, "little")
    tail[12:16] = (len(record) * (1 + len(copies))).to_bytes(4, "little")
    overlapping = single[:directory] + record + b"".join(copies) + bytes(tail)

    with pytest.raises(ArchiveError) as raised:
        list(read_zip(io.BytesIO(overlapping)))

    assert raised.value.code == Code.ZIP_BOMB


def test_the_entry_count_is_checked_before_the_directory_is_parsed() -> None:
    data = bytearray(_zip({"a.jpg": b"A"}).getvalue())
    end = data.rindex(b"PK\x05\x06")
    data[end + 10 : end + 12] = (MAX_ENTRIES + 1).to_bytes(2, "little")  # claims 20,001

    with pytest.raises(ArchiveError) as raised:
        list(read_zip(io.BytesIO(bytes(data))))

    assert raised.value.why == Reason(
        Code.ZIP_TOO_MANY_FILES, {"count": MAX_ENTRIES + 1, "limit": MAX_ENTRIES}
    )
