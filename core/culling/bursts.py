"""Bursts and near-duplicates: which photos are one picture taken several times.

Two photos belong together when their perceptual hashes are nearly equal (a
re-export, a resized copy), or when they were taken within `BURST_SECONDS` of each
other and still look alike (a burst: the same scene, people moved a little).
Groups are kept at indexing time: a new photo joins the group of every photo it
belongs with, merging them, so an album only reads the stored group ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from eventlens.core.culling.measures import hash_distance

BURST_SECONDS = 2.0
BURST_BITS = 16  # of 64: same scene, small moves, different blur
DUPLICATE_BITS = 6  # of 64: the same picture, whenever it was taken


@dataclass(frozen=True)
class Frame:
    photo_id: str
    taken_at: float | None
    phash: str
    group_id: str


def together(first: Frame, second: Frame) -> bool:
    distance = hash_distance(first.phash, second.phash)
    if distance <= DUPLICATE_BITS:
        return True
    if first.taken_at is None or second.taken_at is None:
        return False
    return abs(first.taken_at - second.taken_at) <= BURST_SECONDS and distance <= BURST_BITS


@dataclass(frozen=True)
class Joining:
    group_id: str  # the group the new photo is in
    merged: tuple[str, ...]  # other groups that now belong to it


def join(photo_id: str, taken_at: float | None, phash: str, near: Iterable[Frame]) -> Joining:
    """The group of a new photo among the frames stored near it in time."""
    new = Frame(photo_id, taken_at, phash, photo_id)
    groups = sorted({frame.group_id for frame in near if together(new, frame)})
    if not groups:
        return Joining(photo_id, ())
    return Joining(groups[0], tuple(groups[1:]))


@dataclass(frozen=True)
class Pick:
    """How one photo of a group compares: eyes first, then sharpness."""

    photo_id: str
    flawed: bool  # eyes closed or face blurred
    sharpness: float


def best_first(picks: Sequence[Pick]) -> list[Pick]:
    return sorted(picks, key=lambda pick: (pick.flawed, -pick.sharpness, pick.photo_id))


def by_group(groups: Mapping[str, str], photo_ids: Iterable[str]) -> dict[str, list[str]]:
    """Photo ids under their group ids (a photo without a group is its own)."""
    found: dict[str, list[str]] = {}
    for photo_id in photo_ids:
        found.setdefault(groups.get(photo_id, photo_id), []).append(photo_id)
    return found
