"""Match thresholds per model pack (cosine similarity of L2-normalised embeddings).

How they were set (`bench/calibrate.py` reprints the evidence): for `buffalo_s`,
every face of `../shared/datasets/deepface` (9 identities) and
`../shared/datasets/face_recognition` was embedded and all same-person and
different-person pairs scored. Different people never went above 0.26 (99th
percentile 0.16); the same person never went below 0.44. ArcFace impostor scores
are roughly normal around 0 with a standard deviation near 0.07, so:

- `sure` = 0.40, about 5.5 sigma: below one false match per million comparisons,
  i.e. under 1% chance of one false `sure` photo per query on a 10k-face event;
- `maybe` = 0.28, about 4 sigma: keeps profile, small and blurred faces of the
  guest (which score 0.28-0.45) for the guest to confirm, at the price of a few
  false candidates per 100k faces, shown only behind "maybe".

`buffalo_l` (ResNet-50) and `antelopev2` (ResNet-100) separate identities more
widely; their thresholds follow InsightFace's published verification operating
points, shifted the same way. Re-run the benchmark after changing a pack.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    sure: float
    maybe: float


_BY_PACK: dict[str, Thresholds] = {
    "buffalo_s": Thresholds(sure=0.40, maybe=0.28),
    "buffalo_l": Thresholds(sure=0.38, maybe=0.26),
    "antelopev2": Thresholds(sure=0.36, maybe=0.25),
}
_FALLBACK = Thresholds(sure=0.40, maybe=0.28)


def thresholds_for(pack: str) -> Thresholds:
    return _BY_PACK.get(pack, _FALLBACK)
