"""Match thresholds per model pack (cosine similarity of L2-normalised embeddings).

How they were set (`python -m bench.calibrate` reprints the evidence). For
`buffalo_s`: 108 confidently detected faces of 48 people (the bundled t1.jpg and
team photo, and the labelled identities of `../shared/datasets`, each also
degraded to ~40 px, blurred and darkened) give 3,037 different-person pairs and
225 same-person pairs. Different people: mean 0.021, standard deviation 0.072,
maximum 0.337; ArcFace impostor scores are close to normal, so the tail is read
from the fitted normal where the sample is too small: 0.29 at a false-match rate
of 1e-4 per comparison, 0.33 at 1e-5, 0.37 at 1e-6. Same person: minimum 0.41.

- `sure` = 0.40: ~5.3 sigma, under 1e-7 false matches per comparison, so even on
  a 100k-face event a query expects ~0.01 false `sure` faces: well under 1% of a
  guest's photos. Search only lets faces of good quality be `sure`.
- `maybe` = 0.28: ~3.6 sigma (2e-4 per comparison): profile, small and blurred
  faces of the guest score here; a 1,000-face event yields ~0.2 false
  candidates per query, shown only as `maybe`.
- people clustering links faces at `sure` (core/people.py).

The held-out selfies and the synthetic events of `bench/accuracy.py` played no
part in choosing these numbers. `buffalo_l` (ResNet-50) and `antelopev2`
(ResNet-100) separate identities more widely; their thresholds follow
InsightFace's published verification operating points, shifted the same way.
Re-run the calibration after changing a pack.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventlens.core.faces.quality import RELIABLE_QUALITY


@dataclass(frozen=True)
class Thresholds:
    """Similarities a match needs: `sure` depends on the event face's quality.

    `sure` is what a face of quality `RELIABLE_QUALITY` needs; a sharp, frontal,
    large face (quality 1) needs only `sure_sharp`, linearly in between; a face
    below `RELIABLE_QUALITY` needs `sure_poor` (None: it is never `sure`).
    Without `sure_sharp` the cut is flat, as before quality-aware decisions.
    """

    sure: float
    maybe: float
    sure_sharp: float | None = None
    sure_poor: float | None = None

    def sure_for(self, quality: float) -> float | None:
        """The similarity a face of `quality` needs to be `sure` (None: never)."""
        if quality < RELIABLE_QUALITY:
            return self.sure_poor
        if self.sure_sharp is None:
            return self.sure
        share = min(1.0, (quality - RELIABLE_QUALITY) / (1.0 - RELIABLE_QUALITY))
        return self.sure + (self.sure_sharp - self.sure) * share

    def variants(self) -> dict[str, Thresholds]:
        """Each decision rule up to this one, in order (the benchmark's per-cue rows)."""
        flat = Thresholds(self.sure, self.maybe)
        if self == flat:
            return {"flat cut": flat}
        return {"flat cut": flat, "quality-aware": self}


_BY_PACK: dict[str, Thresholds] = {
    "buffalo_s": Thresholds(sure=0.40, maybe=0.28, sure_sharp=0.34, sure_poor=0.46),
    "buffalo_l": Thresholds(sure=0.38, maybe=0.26),
    "antelopev2": Thresholds(sure=0.36, maybe=0.25),
}
_FALLBACK = Thresholds(sure=0.40, maybe=0.28)


def thresholds_for(pack: str) -> Thresholds:
    return _BY_PACK.get(pack, _FALLBACK)
