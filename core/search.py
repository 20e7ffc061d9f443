"""Selfie embeddings -> the photos of that person, one entry per photo, ranked.

Each query vector (every selfie, plus their mean when there are several) asks the
event's collection for its nearest faces. When the farthest neighbour returned is
still a plausible match, the neighbourhood is doubled, so a guest in 900 photos is
not cut off at an arbitrary k. A photo's score is its best face's; a match is
`sure` above the pack's calibrated threshold *and* when that face is good enough
to be trusted, otherwise `maybe`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from core.calibration import Thresholds
from core.quality import RELIABLE_QUALITY
from storage.vectors import MAX_RESULTS, Neighbour, VectorStore

Tier = Literal["sure", "maybe"]
FIRST_K = 256


@dataclass(frozen=True)
class Match:
    photo_id: str
    face_id: str
    score: float
    tier: Tier


def query_vectors(embeddings: Sequence[NDArray[np.float32]]) -> NDArray[np.float32]:
    vectors = np.stack(embeddings).astype(np.float32)
    if len(vectors) > 1:
        mean = vectors.mean(axis=0)
        vectors = np.vstack([vectors, mean / max(float(np.linalg.norm(mean)), 1e-12)])
    return vectors


def nearest(
    vectors: VectorStore, event_id: str, queries: NDArray[np.float32], floor: float
) -> list[Neighbour]:
    """All neighbours of any query scoring at least `floor` (grown k, not fixed)."""
    k = FIRST_K
    while True:
        results = vectors.query(event_id, queries, k)
        exhausted = all(len(found) < k or found[-1].similarity < floor for found in results)
        if exhausted or k >= MAX_RESULTS:
            return [hit for found in results for hit in found if hit.similarity >= floor]
        k = min(k * 2, MAX_RESULTS)


def rank(hits: Sequence[Neighbour], thresholds: Thresholds) -> list[Match]:
    best: dict[str, Neighbour] = {}
    for hit in hits:
        photo = str(hit.metadata["photo_id"])
        if photo not in best or hit.similarity > best[photo].similarity:
            best[photo] = hit
    matches = [
        Match(photo, hit.id, round(hit.similarity, 4), _tier(hit, thresholds))
        for photo, hit in best.items()
    ]
    matches.sort(key=lambda match: (match.tier != "sure", -match.score))
    return matches


def _tier(hit: Neighbour, thresholds: Thresholds) -> Tier:
    quality = float(hit.metadata.get("quality", 1.0))
    if hit.similarity >= thresholds.sure and quality >= RELIABLE_QUALITY:
        return "sure"
    return "maybe"


def search(
    vectors: VectorStore,
    event_id: str,
    embeddings: Sequence[NDArray[np.float32]],
    thresholds: Thresholds,
) -> list[Match]:
    queries = query_vectors(embeddings)
    return rank(nearest(vectors, event_id, queries, thresholds.maybe), thresholds)
