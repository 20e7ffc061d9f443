"""Group an event's faces into people.

Constrained agglomerative clustering on a k-nearest-neighbour graph
(scikit-learn, cosine):

- only *mutual* neighbours whose similarity reaches the pack's `sure` threshold
  are linked, strongest links first;
- two groups merge only if their centroids also agree (`MERGE_SIMILARITY`), so
  one look-alike pair cannot chain two people together;
- two groups that share a photo never merge: one person is never in a photo twice.

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

from core.calibration import Thresholds
from storage.people import PeopleStore, PersonRecord
from storage.photos import FaceRecord, PhotoStore

logger = logging.getLogger(__name__)

NEIGHBOURS = 12
MERGE_SIMILARITY = 0.42


@dataclass
class _Group:
    members: list[int]
    photos: set[str]
    total: NDArray[np.float32]


def _find(parent: list[int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def cluster(faces: Sequence[FaceRecord], link: float) -> list[list[int]]:
    """Indices of `faces` grouped into people, largest first; singletons included."""
    if not faces:
        return []
    vectors = np.stack([face.embedding for face in faces]).astype(np.float32)
    groups = [_Group([i], {face.photo_id}, vectors[i].copy()) for i, face in enumerate(faces)]
    if len(faces) > 1:
        k = min(NEIGHBOURS, len(faces) - 1)
        index = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute")
        distances, neighbours = index.fit(vectors).kneighbors(vectors)
        near = [set(row[1:].tolist()) for row in neighbours]
        edges = sorted(
            (
                (1.0 - float(distance), i, int(j))
                for i in range(len(faces))
                for distance, j in zip(distances[i, 1:], neighbours[i, 1:], strict=True)
                if i < j and i in near[j] and 1.0 - distance >= link
            ),
            reverse=True,
        )
        parent = list(range(len(faces)))
        for _, i, j in edges:
            a, b = _find(parent, i), _find(parent, j)
            if a == b or groups[a].photos & groups[b].photos:
                continue
            left, right = groups[a].total, groups[b].total
            agreement = float(left @ right) / float(np.linalg.norm(left) * np.linalg.norm(right))
            if agreement < MERGE_SIMILARITY:
                continue
            parent[b] = a
            groups[a].members += groups[b].members
            groups[a].photos |= groups[b].photos
            groups[a].total = left + right
        roots = {_find(parent, i) for i in range(len(faces))}
        result = [groups[root].members for root in roots]
    else:
        result = [[0]]
    return sorted(result, key=lambda members: (-len(members), members[0]))


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


async def recluster(
    photos: PhotoStore, people: PeopleStore, event_id: str, thresholds: Thresholds
) -> int:
    """Rebuild an event's people from its faces in SQLite; returns how many people."""
    faces = await photos.faces_of_event(event_id)
    groups = await asyncio.to_thread(cluster, faces, thresholds.sure)
    records = [_record(event_id, faces, members) for members in groups]
    await people.replace(event_id, records)
    logger.info("event %s: %d faces in %d people", event_id, len(faces), len(records))
    return len(records)
