"""The guest's sure faces as extra queries: the event's own views of the guest vouch.

A selfie and an event photo differ in light, angle and resolution; two event
photos of the guest differ less. Each of the best `sure` faces (seeds) asks the
event for its neighbours, and a face found by at least `support` seeds, each at
the `sure` similarity its quality needs, is `sure` too (k-reciprocal in spirit:
one seed alone, which may be a look-alike's twin, never decides). Its score
becomes the `support`-th best seed similarity, so one strong seed cannot carry
it. The queries are bounded by the seeds (at most `SEED_QUERIES`), never by the
event's size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eventlens.core.faces.calibration import Thresholds
from eventlens.core.search.hits import Hit

SEED_QUERIES = 8  # the best seeds that query on their own


@dataclass(frozen=True)
class Vouched:
    face_id: str
    photo_id: str
    quality: float
    score: float  # the `support`-th best similarity to a seed


def vouched(
    hits_per_seed: Sequence[Sequence[Hit]],
    seed_faces: set[str],
    thresholds: Thresholds,
) -> list[Vouched]:
    """Faces that at least `thresholds.seed_support` seeds find at their `sure` similarity."""
    support = thresholds.seed_support
    if support <= 0:
        return []
    by_face: dict[str, list[float]] = {}
    seen: dict[str, Hit] = {}
    for hits in hits_per_seed:
        for hit in hits:
            if hit.face_id in seed_faces:
                continue
            needed = thresholds.sure_for(hit.quality)
            if needed is not None and hit.similarity >= needed:
                by_face.setdefault(hit.face_id, []).append(hit.similarity)
                seen[hit.face_id] = hit
    found = []
    for face_id, scores in by_face.items():
        if len(scores) >= support:
            score = sorted(scores, reverse=True)[support - 1]
            hit = seen[face_id]
            found.append(Vouched(face_id, hit.photo_id, hit.quality, score))
    return found
