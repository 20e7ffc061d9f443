"""A guest's album, culled: one photo per burst, the guest's own bad shots last.

Only stored verdicts are read (core/culling/keeper.py wrote them at indexing):
each burst or near-duplicate group shows its best photo (the guest's own face
with eyes open and sharp, then the sharpest photo) where the group's best-ranked
photo stood, and keeps the others behind it as "similar". Photos where the
guest's face is blurred or has closed eyes move to the end of their tier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eventlens.core.culling.bursts import Pick, best_first
from eventlens.core.faces.eyes import CLOSED_BELOW
from eventlens.core.search.matches import Match
from eventlens.storage.culling import CullingStore, FaceCull, PhotoCull


@dataclass(frozen=True)
class Verdicts:
    photos: Mapping[str, PhotoCull]
    faces: Mapping[str, FaceCull]  # the matched face of each photo, by face id

    def flawed(self, match: Match) -> bool:
        face = self.faces.get(match.face_id)
        if face is None:
            return False
        return face.blurred or (face.eyes is not None and face.eyes < CLOSED_BELOW)

    def group(self, match: Match) -> str:
        photo = self.photos.get(match.photo_id)
        return photo.group_id if photo else match.photo_id

    def pick(self, match: Match) -> Pick:
        photo = self.photos.get(match.photo_id)
        return Pick(match.photo_id, self.flawed(match), photo.sharpness if photo else 0.0)


async def verdicts(store: CullingStore, matches: Sequence[Match]) -> Verdicts:
    photos = await store.of_photos([match.photo_id for match in matches])
    faces = await store.faces([match.face_id for match in matches])
    return Verdicts(photos, faces)


@dataclass(frozen=True)
class Arranged:
    shown: tuple[Match, ...]
    similar: dict[str, tuple[Match, ...]]  # a shown photo id -> the rest of its group


def arrange(
    matches: Sequence[Match], found: Verdicts, taken: Mapping[str, str] | None = None
) -> Arranged:
    """Matches in rank order, one per group; `taken` maps groups already shown elsewhere
    (a better tier) to the photo shown for them, whose similar photos these join."""
    groups: dict[str, list[Match]] = {}
    for match in matches:
        groups.setdefault(found.group(match), []).append(match)
    similar: dict[str, tuple[Match, ...]] = {}
    shown: list[Match] = []
    for group_id, members in groups.items():
        owner = (taken or {}).get(group_id)
        if owner is not None:
            similar[owner] = (*similar.get(owner, ()), *members)
            continue
        by_id = {match.photo_id: match for match in members}
        ranked = [by_id[pick.photo_id] for pick in best_first([found.pick(m) for m in members])]
        shown.append(ranked[0])
        if len(ranked) > 1:
            similar[ranked[0].photo_id] = tuple(ranked[1:])
    good = [match for match in shown if not found.flawed(match)]
    poor = [match for match in shown if found.flawed(match)]
    return Arranged((*good, *poor), similar)
