""" "Not me" feedback applied to a search: faces like a rejected one count less.

A rejected face is someone the guest is not, usually a look-alike. A candidate
face that resembles the rejected face more than it resembles the guest's selfie
is probably the look-alike again: its score drops by twice the difference, so
the look-alike's other photos fall out while the guest's own photos (closer to
the selfie than to anyone else) do not move. A mistaken "not me" on a photo of
the guest therefore costs that one photo, not the album. Tiers are recomputed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.calibration import Thresholds
from eventlens.core.search.matches import Match

PENALTY_WEIGHT = 2.0


def penalised(
    matches: Sequence[Match],
    face_embeddings: Mapping[str, NDArray[np.float32]],
    rejected: Sequence[NDArray[np.float32]],
    thresholds: Thresholds,
) -> list[Match]:
    """Matches re-scored against rejected faces; those falling under `maybe` are dropped."""
    if not rejected:
        return list(matches)
    against = np.stack(rejected).astype(np.float32)
    kept: list[Match] = []
    for match in matches:
        embedding = face_embeddings.get(match.face_id)
        if embedding is None:
            kept.append(match)
            continue
        closest = float((against @ embedding).max())
        penalty = PENALTY_WEIGHT * max(0.0, closest - match.score)
        score = match.score - penalty
        if score < thresholds.maybe:
            continue
        # a penalised face is `sure` only above the flat cut (its quality is not at hand)
        tier = match.tier if penalty == 0.0 or score >= thresholds.sure else "maybe"
        kept.append(Match(match.photo_id, match.face_id, round(score, 4), tier))
    kept.sort(key=lambda match: (match.tier != "sure", -match.score))
    return kept
