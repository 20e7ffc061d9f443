"""A guest's album: `sure` photos first, `maybe` photos on request, in pages.

A page is one Telegram media group (at most 10 items). Photos the guest marked
"not me" are left out; photos they confirmed ("that's me") count as `sure`
whatever their score. The album proper, the one delivered unasked and shared by
link, is the `sure` tier; `maybe` photos are only offered, marked as uncertain.
An album of more than `LARGE_ALBUM` photos is offered as a gallery first: sending
it into the chat takes minutes at Telegram's pace. Given culling verdicts, each
burst shows its best photo and keeps the rest behind it as `similar`, sent on
request; a duplicate never appears twice (core/culling/album_order.py).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from eventlens.core.culling.album_order import Verdicts, arrange
from eventlens.core.search.matches import Match, Tier

PAGE_SIZE = 10
LARGE_ALBUM = 100


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
    similar: dict[str, tuple[Match, ...]] = field(default_factory=dict)  # shown id -> the rest

    @classmethod
    def of(
        cls,
        matches: Sequence[Match],
        excluded: Collection[str] = (),
        confirmed: Collection[str] = (),
        verdicts: Verdicts | None = None,
    ) -> Album:
        kept = [match for match in matches if match.photo_id not in excluded]
        sure = [m for m in kept if m.tier == "sure" or m.photo_id in confirmed]
        maybe = [m for m in kept if m.tier == "maybe" and m.photo_id not in confirmed]
        if verdicts is None:
            return cls(sure=tuple(sure), maybe=tuple(maybe))
        first = arrange(sure, verdicts)
        taken = {verdicts.group(match): match.photo_id for match in first.shown}
        second = arrange(maybe, verdicts, taken)
        similar = dict(first.similar)
        for owner, rest in second.similar.items():
            similar[owner] = (*similar.get(owner, ()), *rest)
        return cls(first.shown, second.shown, similar)

    def tier(self, tier: Tier) -> tuple[Match, ...]:
        return self.sure if tier == "sure" else self.maybe

    def page(self, tier: Tier, number: int, size: int = PAGE_SIZE) -> Page:
        matches = self.tier(tier)
        start = max(0, number) * size
        chunk = matches[start : start + size]
        return Page(tier, number, chunk, max(0, len(matches) - start - len(chunk)))

    def without(self, photo_id: str) -> Album:
        return replace(
            self,
            sure=tuple(match for match in self.sure if match.photo_id != photo_id),
            maybe=tuple(match for match in self.maybe if match.photo_id != photo_id),
        )

    def confirm(self, photo_id: str) -> Album:
        """The album with a possible match moved to the end of the sure photos."""
        moved = [replace(m, tier="sure") for m in self.maybe if m.photo_id == photo_id]
        kept = tuple(m for m in self.maybe if m.photo_id != photo_id)
        return replace(self, sure=(*self.sure, *moved), maybe=kept)

    def pages(self, tier: Tier, size: int = PAGE_SIZE) -> int:
        """How many pages the tier fills (0 when it is empty)."""
        return -(-len(self.tier(tier)) // size)

    def number_of(self, photo_id: str) -> int | None:
        """The 1-based number the photo has in the chat: sure photos first, then maybe."""
        ids = self.photo_ids
        return ids.index(photo_id) + 1 if photo_id in ids else None

    def similar_to(self, photo_id: str) -> tuple[Match, ...]:
        """The rest of a shown photo's burst, sent when the guest asks for them."""
        return self.similar.get(photo_id, ())

    def match(self, photo_id: str) -> Match | None:
        return next((m for m in (*self.sure, *self.maybe) if m.photo_id == photo_id), None)

    @property
    def photo_ids(self) -> list[str]:
        return [match.photo_id for match in (*self.sure, *self.maybe)]

    @property
    def sure_ids(self) -> list[str]:
        """The photos a share link opens: sure and confirmed, never unconfirmed maybes."""
        return [match.photo_id for match in self.sure]

    @property
    def large(self) -> bool:
        """Too many photos to send unasked: offer the gallery first."""
        return len(self.sure) > LARGE_ALBUM

    @property
    def empty(self) -> bool:
        return not self.sure and not self.maybe
