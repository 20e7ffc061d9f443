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

**Quality-aware `sure`** (issue 14; `bench.calibrate` prints it bin by bin).
Re-run with each shared face also blurred-and-shaken and yawed-and-tilted
(`bench/synthetic_selfie.py`) and the quality (size, blur, yaw from the
landmarks, detector score: core/faces/quality.py) kept per face: 183 faces of
52 people, 10,197 impostor pairs (max 0.380), 946 genuine pairs. Binned by the
pair's lower quality, the impostors' normal tail at 1e-5 per comparison is
0.311 (quality 0.8-1), 0.300 (0.6-0.8), 0.328 (0.35-0.6), 0.274 (0.2-0.35) and
0.467 below 0.2, where faces are tiny or smeared and impostors reach 0.38.
The rule sits 0.03 to 0.13 above each bin's 1e-5 tail (1e-6 or less):
0.34 at quality 1 (`sure_sharp`), linearly up to 0.40 at `RELIABLE_QUALITY`,
0.40 down to `POOR_QUALITY` (0.2), 0.52 below (`sure_poor`; before, never).
No impostor pair reaches `sure` in any bin (false-match rate 0 of 10,197,
well under the 0.5% bound); the genuine pairs kept rise from 0.953 with the
flat 0.40 to 0.98-1.0 above quality 0.35. The event face's stored quality
(Chroma metadata, written at indexing) decides, since it is the lower one of
a pair in practice; `seed_support` = 2 is core/search/rerank.py's rule.

**Appearance** (issue 14 item 4; core/search/outfits.py): `outfit` = 0.80 sits
between what one person's chest scores against itself seen again at half size
and 15% brighter (0.87-0.93 on t1.jpg's six people) and what two people's score
(0.71 at most); `outfit_face` = 0.30 is just above `maybe` and the 1e-4 impostor
tail (0.29): a face that is at least plausible, never a stranger's face carried
by a shirt. tests/core/search/test_outfits.py holds both sides.

The held-out selfies and the synthetic events of `bench/accuracy.py` played no
part in choosing these numbers. `buffalo_l` (ResNet-50) and `antelopev2`
(ResNet-100) separate identities more widely; their thresholds follow
InsightFace's published verification operating points, shifted the same way
(flat cuts: they have not been calibrated by quality).
Re-run the calibration after changing a pack.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from eventlens.core.faces.quality import POOR_QUALITY, RELIABLE_QUALITY


@dataclass(frozen=True)
class Thresholds:
    """Similarities a match needs: `sure` depends on the event face's quality.

    `sure` is what a face of quality `RELIABLE_QUALITY` needs; a sharp, frontal,
    large face (quality 1) needs only `sure_sharp`, linearly in between; a face
    between `POOR_QUALITY` and `RELIABLE_QUALITY` needs `sure`, one below
    `POOR_QUALITY` needs `sure_poor` (None: it is never `sure`).
    Without `sure_sharp` the cut is flat, as before quality-aware decisions.
    `seed_support`: how many of the guest's sure faces must each find a face for
    it to be `sure` through them (core/search/rerank.py; 0: off).
    `outfit`: how alike (Bhattacharyya coefficient) a `maybe` face's outfit and a
    sure face's must be for the face to be `sure`, given a face similarity of at
    least `outfit_face` (core/search/outfits.py; 0: off).
    """

    sure: float
    maybe: float
    sure_sharp: float | None = None
    sure_poor: float | None = None
    seed_support: int = 0
    outfit: float = 0.0
    outfit_face: float = 0.0

    def sure_for(self, quality: float) -> float | None:
        """The similarity a face of `quality` needs to be `sure` (None: never)."""
        if self.sure_sharp is None:  # the flat cut: below reliable, never
            return self.sure if quality >= RELIABLE_QUALITY else None
        if quality < POOR_QUALITY:
            return self.sure_poor
        if quality < RELIABLE_QUALITY:
            return self.sure
        share = min(1.0, (quality - RELIABLE_QUALITY) / (1.0 - RELIABLE_QUALITY))
        return self.sure + (self.sure_sharp - self.sure) * share

    def lowest_sure(self) -> float:
        """The least similarity any face needs to be `sure`."""
        cuts = (self.sure, self.sure_sharp, self.sure_poor)
        return min(cut for cut in cuts if cut is not None)

    def variants(self) -> dict[str, Thresholds]:
        """Each decision rule up to this one, in order (the benchmark's per-cue rows)."""
        chain = {
            "flat cut": Thresholds(self.sure, self.maybe),
            "+ quality-aware": Thresholds(self.sure, self.maybe, self.sure_sharp, self.sure_poor),
            "+ seeds as queries": replace(self, outfit=0.0, outfit_face=0.0),
            "+ appearance": self,
        }
        kept: dict[str, Thresholds] = {}
        for label, rule in chain.items():
            if rule not in kept.values():
                kept[label] = rule
        return kept


_BY_PACK: dict[str, Thresholds] = {
    "buffalo_s": Thresholds(
        sure=0.40,
        maybe=0.28,
        sure_sharp=0.34,
        sure_poor=0.52,
        seed_support=2,
        outfit=0.80,
        outfit_face=0.30,
    ),
    "buffalo_l": Thresholds(sure=0.38, maybe=0.26),
    "antelopev2": Thresholds(sure=0.36, maybe=0.25),
}
_FALLBACK = Thresholds(sure=0.40, maybe=0.28)


def thresholds_for(pack: str) -> Thresholds:
    return _BY_PACK.get(pack, _FALLBACK)
