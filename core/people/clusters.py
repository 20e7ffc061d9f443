"""Group an event's faces into people.

Constrained agglomerative clustering on a k-nearest-neighbour graph
(scikit-learn, cosine):

- only *mutual* neighbours whose similarity reaches the pack's `sure` threshold
  are linked, strongest links first;
- two groups merge only if their centroids also agree (`MERGE_SIMILARITY`), so
  one look-alike pair cannot chain two people together;
- a person is never twice in one photo: when merging groups that share a photo,
  only the face closer to the merged centroid stays.

The whole event is re-clustered after each indexing run (cost grows with N^2 in
the neighbour search: about a second per 5,000 faces on two cores); the result
replaces the previous clusters in one transaction. Search uses the clusters to
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


def _edges(vectors: NDArray[np.float32], link: float) -> list[tuple[float, int, int]]:
    """Mutual k-nearest-neighbour pairs at or above `link`, strongest first."""
    k = min(NEIGHBOURS, len(vectors) - 1)
    index = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute")
    distances, neighbours = index.fit(vectors).kneighbors(vectors)
    near = [set(row[1:].tolist()) for row in neighbours]
    return sorted(
        (
            (1.0 - float(distance), i, int(j))
            for i in range(len(vectors))
            for distance, j in zip(distances[i, 1:], neighbours[i, 1:], strict=True)
            if i < j and i in near[int(j)] and 1.0 - distance >= link
        ),
        reverse=True,
    )


def cluster(faces: Sequence[FaceRecord], link: float) -> list[list[int]]:
    """Indices of `faces` grouped into people, largest first; singletons included.

    When two groups that agree share a photo (a mirror, a poster, a duplicate),
    they merge and the shared photo keeps only the face closer to the merged
    centroid; the other face is left on its own.
    """
    if not faces:
        return []
    vectors = np.stack([face.embedding for face in faces]).astype(np.float32)
    groups = {i: _Group([i], {face.photo_id: i}, vectors[i].copy()) for i, face in enumerate(faces)}
    owner = list(range(len(faces)))
    fresh = len(faces)  # ids for groups of faces left on their own

    def alone(face: int) -> None:
        nonlocal fresh
        groups[fresh] = _Group([face], {faces[face].photo_id: face}, vectors[face].copy())
        owner[face] = fresh
        fresh += 1

    for _, i, j in _edges(vectors, link) if len(faces) > 1 else []:
        a, b = owner[i], owner[j]
        if a == b or _agreement(groups[a].total, groups[b].total) < MERGE_SIMILARITY:
            continue
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
    result = [group.members for group in groups.values()]
    return sorted(result, key=lambda members: (-len(members), min(members)))


def _record(event_id: str, faces: Sequence[FaceRecord], members: list[int]) -> PersonRecord:
    vectors = np.stack([faces[i].embedding for i in members]).astype(np.float32)
    centroid = vectors.mean(axis=0)
    centroid /= max(float(np.linalg.norm(centroid)), 1e-12)
    best = max(members, key=lambda i: (faces[i].quality, faces[i].size_px))
    return PersonRecord(
        id=uuid.uuid4().hex,
        event_id=event_id,
        face_ids=tuple(faces[i].id for i in members),
        photo_count=len({faces[i].photo_id for i in members}),
        best_face_id=faces[best].id,
        cohesion=round(float((vectors @ centroid).mean()), 4),
        centroid=centroid.astype(np.float32),
    )


def _people(event_id: str, faces: Sequence[FaceRecord], link: float) -> list[PersonRecord]:
    """Clusters and their records in one call for a worker thread: both are CPU-bound
    (1,000 photos of 2,000 people: the records alone held the event loop ~0.2 s)."""
    return [_record(event_id, faces, members) for members in cluster(faces, link)]


async def recluster(
    photos: PhotoStore, people: PeopleStore, event_id: str, thresholds: Thresholds
) -> int:
    """Rebuild an event's people from its faces in SQLite; returns how many people."""
    faces = await photos.faces_of_event(event_id)
    records = await asyncio.to_thread(_people, event_id, faces, thresholds.sure)
    await people.replace(event_id, records)
    logger.info("event %s: %d faces in %d people", event_id, len(faces), len(records))
    return len(records)
