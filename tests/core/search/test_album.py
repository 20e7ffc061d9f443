from __future__ import annotations

from eventlens.core.search.album import LARGE_ALBUM, PAGE_SIZE, Album
from eventlens.core.search.matches import Match, Tier


def _matches(sure: int, maybe: int) -> list[Match]:
    tiers: list[Tier] = ["sure"] * sure + ["maybe"] * maybe
    return [Match(f"p{i}", f"p{i}-0", 0.9 - i / 100, tier) for i, tier in enumerate(tiers)]


def test_sure_and_maybe_are_paged_separately_in_media_group_sizes() -> None:
    album = Album.of(_matches(23, 4))

    pages = [album.page("sure", n) for n in range(3)]

    assert [len(page.matches) for page in pages] == [PAGE_SIZE, PAGE_SIZE, 3]
    assert [page.remaining for page in pages] == [13, 3, 0]
    assert pages[0].has_more and not pages[2].has_more
    assert album.page("maybe", 0).matches == album.maybe
    assert album.page("sure", 5).matches == ()


def test_excluded_and_removed_photos_leave_the_album() -> None:
    album = Album.of(_matches(3, 2), excluded={"p0", "p4"})
    assert album.photo_ids == ["p1", "p2", "p3"]
    smaller = album.without("p3")
    assert smaller.maybe == () and smaller.match("p3") is None
    assert smaller.match("p1") is not None
    assert Album.of([]).empty


def test_a_confirmed_photo_is_sure_and_only_sure_photos_are_shared() -> None:
    album = Album.of(_matches(2, 3), confirmed={"p3"})
    assert album.sure_ids == ["p0", "p1", "p3"]
    assert [m.photo_id for m in album.maybe] == ["p2", "p4"]

    moved = album.confirm("p4")

    assert moved.sure_ids == ["p0", "p1", "p3", "p4"] and moved.sure[-1].tier == "sure"
    assert [m.photo_id for m in moved.maybe] == ["p2"]
    assert moved.number_of("p4") == 4 and moved.number_of("p2") == 5
    assert moved.number_of("nope") is None
    assert moved.confirm("p0") == moved


def test_a_large_album_and_its_groups() -> None:
    assert Album.of(_matches(LARGE_ALBUM + 1, 0)).large
    album = Album.of(_matches(LARGE_ALBUM, 3))
    assert not album.large
    assert album.pages("sure") == LARGE_ALBUM // PAGE_SIZE and album.pages("maybe") == 1
    assert Album.of([]).pages("sure") == 0
