"""Verification accuracy on the 300 labelled pairs of ../shared/datasets/deepface.

    python -m bench.verification

Each photo's largest face is embedded once; a pair is "same person" when the
cosine similarity reaches the pack's `sure` threshold. Prints accuracy at that
threshold, the best accuracy over all thresholds, and the score ranges.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from eventlens.core.faces.calibration import thresholds_for
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.model_pack import resolve_pack
from eventlens.core.faces.runtime import choose_providers
from eventlens.core.faces.selfie import faces_in_selfie, subject
from eventlens.settings import Settings

DATASET = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "deepface"


def main() -> None:
    pairs_file = DATASET / "master.csv"
    if not pairs_file.is_file():
        print(f"skipped: {pairs_file} is absent (../shared sits beside the checkout)")
        return
    settings = Settings()
    pack = resolve_pack(settings.model_pack, settings.models_dir, settings.insightface_root)
    engine = FaceEngine(pack, choose_providers(settings.providers))
    with pairs_file.open() as stream:
        pairs = [
            (row["file_x"], row["file_y"], row["Decision"] == "Yes")
            for row in csv.DictReader(stream)
        ]
    names = sorted({name for pair in pairs for name in pair[:2]})
    embeddings = {}
    for name in names:
        embeddings[name] = subject(faces_in_selfie(engine, (DATASET / name).read_bytes())).embedding
    scores = np.array([float(embeddings[a] @ embeddings[b]) for a, b, _ in pairs])
    same = np.array([label for _, _, label in pairs])
    threshold = thresholds_for(pack.name).sure
    accuracy = float(np.mean((scores >= threshold) == same))
    candidates = np.linspace(0.0, 1.0, 201)
    best = max(candidates, key=lambda t: float(np.mean((scores >= t) == same)))
    best_accuracy = float(np.mean((scores >= best) == same))
    print(f"Verification on {len(pairs)} deepface pairs, pack {pack.name}")
    print(f"{'threshold':<22} {'accuracy':>9}")
    print(f"{'sure = ' + format(threshold, '.2f'):<22} {accuracy:>9.4f}")
    print(f"{'best = ' + format(best, '.2f'):<22} {best_accuracy:>9.4f}")
    print(f"same person:      min {scores[same].min():.3f}  mean {scores[same].mean():.3f}")
    print(f"different people: max {scores[~same].max():.3f}  mean {scores[~same].mean():.3f}")


if __name__ == "__main__":
    main()
