"""A guest's album: `sure` photos first, `maybe` photos on request, in pages.

A page is one Telegram media group (at most 10 items). Photos the guest marked
"not me" are left out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from eventlens.core.search.matches import Match, Tier

PAGE_SIZE = 10


@dataclass(frozen=True)
class Page:
    tier: Tier
    number: int  # 0-based
    matches: tuple[Match, ...]
    remaining: int  # photos of this tier after this page

    @property
    def has_more(self) -> bool:
        return self.remaining > 0


@dataclass(frozen=True)
class Album:
    sure: tuple[Match, ...]
    maybe: tuple[Match, ...]

    @classmethod
    def of(cls, matches: Sequence[Match], excluded: Collection[str] = ()) -> Album:
        kept = [match for match in matches if match.photo_id not in excluded]
        return cls(
            sure=tuple(match for match in kept if match.tier == "sure"),
            maybe=tuple(match for match in kept if match.tier == "maybe"),
        )

    def tier(self, tier: Tier) -> tuple[Match, ...]:
        return self.sure if tier == "sure" else self.maybe

    def page(self, tier: Tier, number: int, size: int = PAGE_SIZE) -> Page:
        matches = self.tier(tier)
        start = max(0, number) * size
        chunk = matches[start : start + size]
        return Page(tier, number, chunk, max(0, len(matches) - start - len(chunk)))

    def without(self, photo_id: str) -> Album:
        return Album(
            sure=tuple(match for match in self.sure if match.photo_id != photo_id),
            maybe=tuple(match for match in self.maybe if match.photo_id != photo_id),
        )

    def match(self, photo_id: str) -> Match | None:
        return next((m for m in (*self.sure, *self.maybe) if m.photo_id == photo_id), None)

    @property
    def photo_ids(self) -> list[str]:
        return [match.photo_id for match in (*self.sure, *self.maybe)]

    @property
    def empty(self) -> bool:
        return not self.sure and not self.maybe
