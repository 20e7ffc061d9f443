"""Group an event's faces into people.

Constrained agglomerative clustering on a k-nearest-neighbour graph
(scikit-learn, cosine):

- only *mutual* neighbours whose similarity reaches the pack's `sure` threshold
  are linked, strongest links first; then one-sided neighbours at `sure` join
  what the mutual pass left apart (near-duplicates crowd each other out of their
  k nearest, so mutual links alone split them into several groups);
- two groups merge only if their centroids also agree (`MERGE_SIMILARITY`), so
  one look-alike pair cannot chain two people together;
- a person is never twice in one photo: when merging groups that share a photo,
  only the face closer to the merged centroid stays.

The whole event is clustered once its first uploads are indexed and again as the
nightly or manual repair (`eventlens people --rebuild`; cost grows with N^2 in the
neighbour search: about a second per 5,000 faces on two cores); the result
replaces the previous clusters in one transaction. In between, new photos' faces
join people incrementally (`core.people.incremental`). Search uses the clusters to
reach a guest's harder photos, behind its own safeguards (see `core.search`).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sklearn.neighbors import NearestNeighbors

from eventlens.core.faces.calibration import Thresholds
from eventlens.storage.people import PeopleStore, PersonRecord
from eventlens.storage.photos import FaceRecord, PhotoStore

logger = logging.getLogger(__name__)

NEIGHBOURS = 12
MERGE_SIMILARITY = 0.42


@dataclass
class _Group:
    members: list[int]
    photos: dict[str, int]  # photo id -> the member from that photo
    total: NDArray[np.float32]


def _agreement(left: NDArray[np.float32], right: NDArray[np.float32]) -> float:
    return float(left @ right) / max(float(np.linalg.norm(left) * np.linalg.norm(right)), 1e-12)


def _edges(
    vectors: NDArray[np.float32], link: float
) -> tuple[list[tuple[float, int, int]], list[tuple[float, int, int]]]:
    """k-nearest-neighbour pairs at or above `link`, strongest first: the mutual
    ones, then every one (for faces the mutual pass left on their own)."""
    k = min(NEIGHBOURS, len(vectors) - 1)
    index = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute")
    distances, neighbours = index.fit(vectors).kneighbors(vectors)
    near = [set(row[1:].tolist()) for row in neighbours]
    close = sorted(
        (
            (1.0 - float(distance), i, int(j))
            for i in range(len(vectors))
            for distance, j in zip(distances[i, 1:], neighbours[i, 1:], strict=True)
            if i != j and 1.0 - distance >= link
        ),
        reverse=True,
    )
    mutual = [(s, i, j) for s, i, j in close if i < j and i in near[j]]
    return mutual, close


def cluster(
    faces: Sequence[FaceRecord],
    link: float,
    same: Sequence[tuple[int, int]] = (),
    apart: Sequence[tuple[int, int]] = (),
) -> list[list[int]]:
    """Indices of `faces` grouped into people, largest first; singletons included.

    The photographer's corrections come first: `same` pairs (merges) are joined
    whatever their similarity, and no join ever puts an `apart` pair (a face split
    out of a person) into one group. When two groups that agree share a photo (a
    mirror, a poster, a duplicate), they merge and the shared photo keeps only the
    face closer to the merged centroid; the other face is left on its own.
    """
    if not faces:
        return []
    vectors = np.stack([face.embedding for face in faces]).astype(np.float32)
    groups = {i: _Group([i], {face.photo_id: i}, vectors[i].copy()) for i, face in enumerate(faces)}
    owner = list(range(len(faces)))
    avoid: dict[int, set[int]] = {}
    for left, right in apart:
        avoid.setdefault(left, set()).add(right)
        avoid.setdefault(right, set()).add(left)
    fresh = len(faces)  # ids for groups of faces left on their own

    def alone(face: int) -> None:
        nonlocal fresh
        groups[fresh] = _Group([face], {faces[face].photo_id: face}, vectors[face].copy())
        owner[face] = fresh
        fresh += 1

    def kept_apart(a: int, b: int) -> bool:
        small, large = sorted((a, b), key=lambda g: len(groups[g].members))
        return any(
            owner[other] == large
            for member in groups[small].members
            for other in avoid.get(member, ())
        )

    def join(i: int, j: int, forced: bool) -> None:
        a, b = owner[i], owner[j]
        if a == b or kept_apart(a, b):
            return
        if not forced and _agreement(groups[a].total, groups[b].total) < MERGE_SIMILARITY:
            return
        if len(groups[a].members) < len(groups[b].members):
            a, b = b, a
        keep, gone = groups[a], groups.pop(b)
        total = keep.total + gone.total
        centroid = total / max(float(np.linalg.norm(total)), 1e-12)
        for member in gone.members:
            photo = faces[member].photo_id
            rival = keep.photos.get(photo)
            if rival is not None and float(vectors[rival] @ centroid) >= float(
                vectors[member] @ centroid
            ):
                total = total - vectors[member]
                alone(member)
                continue
            if rival is not None:
                total = total - vectors[rival]
                keep.members.remove(rival)
                alone(rival)
            keep.members.append(member)
            keep.photos[photo] = member
            owner[member] = a
        keep.total = total

    for i, j in same:
        join(i, j, forced=True)
    mutual, close = _edges(vectors, link) if len(faces) > 1 else ([], [])
    for _, i, j in mutual:
        join(i, j, forced=False)
    for _, i, j in close:  # one-sided neighbours join groups the mutual pass left apart
        join(i, j, forced=False)
    result = [group.members for group in groups.values()]
    return sorted(result, key=lambda members: (-len(members), min(members)))


def person_record(
    event_id: str,
    faces: Sequence[FaceRecord],
    members: Sequence[int],
    person_id: str | None = None,
    name: str | None = None,
) -> PersonRecord:
    """A person's stored summary from its member faces (indices into `faces`)."""
    vectors = np.stack([faces[i].embedding for i in members]).astype(np.float32)
    centroid = vectors.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    best = max(members, key=lambda i: (faces[i].quality, faces[i].size_px))
    return PersonRecord(
        id=person_id or uuid.uuid4().hex,
        event_id=event_id,
        face_ids=tuple(faces[i].id for i in members),
        photo_count=len({faces[i].photo_id for i in members}),
        best_face_id=faces[best].id,
        cohesion=round(float((vectors @ centroid).mean()), 4),
        centroid=centroid.astype(np.float32),
        name=name,
    )


def _inherit(
    groups: Sequence[Sequence[int]], faces: Sequence[FaceRecord], before: dict[str, str]
) -> list[str | None]:
    """The old person id each new group takes over: largest member overlap first,
    each old person at most once; None for a group that is new."""
    overlaps: dict[tuple[int, str], int] = {}
    for number, members in enumerate(groups):
        for i in members:
            old = before.get(faces[i].id)
            if old is not None:
                overlaps[(number, old)] = overlaps.get((number, old), 0) + 1
    taken: list[str | None] = [None] * len(groups)
    used: set[str] = set()
    for (number, old), _ in sorted(overlaps.items(), key=lambda item: -item[1]):
        if taken[number] is None and old not in used:
            taken[number] = old
            used.add(old)
    return taken


def _people(
    event_id: str,
    faces: Sequence[FaceRecord],
    link: float,
    corrections: tuple[list[tuple[int, int]], list[tuple[int, int]]],
    before: dict[str, str],
    names: dict[str, str],
) -> list[PersonRecord]:
    """Clusters and their records in one call for a worker thread: both are CPU-bound
    (1,000 photos of 2,000 people: the records alone held the event loop ~0.2 s)."""
    same, apart = corrections
    groups = cluster(faces, link, same, apart)
    heirs = _inherit(groups, faces, before)
    return [
        person_record(event_id, faces, members, heir, names.get(heir) if heir else None)
        for members, heir in zip(groups, heirs, strict=True)
    ]


async def recluster(
    photos: PhotoStore, people: PeopleStore, event_id: str, thresholds: Thresholds
) -> int:
    """Rebuild an event's people from its faces in SQLite, honouring the photographer's
    corrections; people keep their id and name by member overlap. Returns how many."""
    faces = await photos.faces_of_event(event_id)
    links, before, names = (
        await people.links(event_id),
        await people.membership(event_id),
        await people.names(event_id),
    )
    index = {face.id: i for i, face in enumerate(faces)}

    def pairs(found: list[tuple[str, str]]) -> list[tuple[int, int]]:
        return [(index[a], index[b]) for a, b in found if a in index and b in index]

    records = await asyncio.to_thread(
        _people,
        event_id,
        faces,
        thresholds.sure,
        (pairs(links.same), pairs(links.apart)),
        before,
        names,
    )
    await people.replace(event_id, records)
    logger.info("event %s: %d faces in %d people", event_id, len(faces), len(records))
    return len(records)
