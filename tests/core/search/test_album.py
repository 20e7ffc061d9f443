from __future__ import annotations

from eventlens.core.search.album import PAGE_SIZE, Album
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
