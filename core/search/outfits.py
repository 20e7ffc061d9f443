"""A `maybe` face promoted to `sure` because the guest wears the same clothes there.

Within one event a guest's outfit is a second witness (core/faces/outfit.py). A
face scored in the `maybe` band (at least `Thresholds.outfit_face`: plausible,
not proof) becomes `sure` when its chest matches the chest of one of the
guest's `sure` faces in another photo at `Thresholds.outfit` or more. The cue
is off, for that face, when:

- it has no outfit (its chest lies outside the photo) or no seed has one;
- another face of the same photo matches that seed's outfit as well (uniforms,
  dark suits, a team in the same shirts: the outfit does not say which face);
- the face is a look-alike's and the guest's outfit is not distinctive: the
  face score floor keeps strangers out, the same-photo check keeps a look-alike
  standing beside someone dressed like the guest out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.outfit import likeness


@dataclass(frozen=True)
class Worn:
    """A face's outfit, with the photo it is in."""

    face_id: str
    photo_id: str
    outfit: NDArray[np.float32] | None
    score: float = 0.0  # the face's similarity to the guest


def dressed_alike(
    maybes: Sequence[Worn],
    seeds: Sequence[Worn],
    photo_faces: Mapping[str, Sequence[Worn]],
    needed: float,
    face_floor: float,
) -> set[str]:
    """Faces of `maybes` scoring `face_floor` or more whose outfit matches a seed's
    at `needed`, unambiguously in their photo."""
    promoted = set()
    for face in maybes:
        if face.outfit is None or face.score < face_floor:
            continue
        for seed in seeds:
            if seed.outfit is None or seed.photo_id == face.photo_id:
                continue
            alike = likeness(face.outfit, seed.outfit)
            if alike < needed:
                continue
            others = [
                likeness(other.outfit, seed.outfit)
                for other in photo_faces.get(face.photo_id, ())
                if other.face_id != face.face_id and other.outfit is not None
            ]
            if all(other < needed for other in others):
                promoted.add(face.face_id)
                break
    return promoted
