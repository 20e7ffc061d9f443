from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.bot.uploads.download import check_size
from eventlens.bot.uploads.receive import clear_incoming, document_kind
from eventlens.core.refusals import FileTooLargeError


@pytest.mark.parametrize(
    ("name", "mime", "kind"),
    [
        ("party.zip", "", "zip"),
        ("party", "application/zip", "zip"),
        ("IMG_0001.HEIC", "", "image"),
        ("scan.webp", "image/webp", "image"),
        ("photo", "image/jpeg", "image"),
        ("download", "application/octet-stream", "sniff"),
        ("noname", "", "sniff"),
        ("report.pdf", "application/pdf", "unsupported"),
        ("clip.mov", "video/quicktime", "unsupported"),
    ],
)
def test_documents_are_sorted_by_their_metadata(name: str, mime: str, kind: str) -> None:
    assert document_kind(name, mime) == kind


def test_sizes_over_the_limit_are_refused_before_any_download() -> None:
    check_size(None, 10)
    check_size(10, 10)
    with pytest.raises(FileTooLargeError) as refused:
        check_size(11, 10)
    assert (refused.value.size, refused.value.limit) == (11, 10)


def test_half_done_downloads_are_cleared_at_start(tmp_path: Path) -> None:
    (tmp_path / "a.download").write_bytes(b"x")
    (tmp_path / "keep.txt").write_bytes(b"x")
    assert clear_incoming(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
    assert clear_incoming(tmp_path / "missing") == 0
