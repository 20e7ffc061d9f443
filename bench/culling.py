"""Culling's cost per photo: what indexing adds to assess a photo for culling.

    python -m bench.culling [--photos 30]

On generated 12-MP JPEGs with 1-6 faces (bench/synthetic.py): the photo is decoded
and its faces found first (indexing does that anyway, not timed); then the capture
time, sharpness, exposure, perceptual hash and the eyes of every face big enough to
judge are timed. Storing the verdict is one small SQLite write, not timed here.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.synthetic import SIZES, write_event
from eventlens.core.culling.assess import Assessor
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.eyes import LandmarkModel
from eventlens.core.faces.model_pack import resolve_pack
from eventlens.core.faces.runtime import usable_cores
from eventlens.core.media.capture_time import capture_time
from eventlens.core.media.decode import decode_image


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos", type=int, default=30)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        pack = resolve_pack(
            "buffalo_s", Path(scratch) / "models", Path("~/.insightface").expanduser()
        )
        engine = FaceEngine(pack, ["CPUExecutionProvider"])
        assert pack.landmarks is not None
        assessor = Assessor(LandmarkModel(pack.landmarks, ["CPUExecutionProvider"]))
        folder = Path(scratch) / "photos"
        write_event(folder, SIZES["12MP"], arguments.photos)
        costs, judged = [], 0
        for path in sorted(folder.glob("*.jpg")):
            data = path.read_bytes()
            image = decode_image(data)
            faces = engine.analyze(image)
            started = time.perf_counter()
            verdict = assessor.assess(image, faces, capture_time(data))
            costs.append((time.perf_counter() - started) * 1000)
            judged += sum(face.eyes is not None for face in verdict.faces)
    costs = costs[1:] or costs  # the first call loads the landmark model
    print(f"Culling cost per photo ({usable_cores()} cores, CPU, 12MP, {len(costs)} photos)")
    print(f"{'mean ms':>8} {'median ms':>10} {'p95 ms':>7} {'faces judged':>13}")
    p95 = sorted(costs)[max(0, int(len(costs) * 0.95) - 1)]
    print(
        f"{statistics.mean(costs):>8.1f} {statistics.median(costs):>10.1f} {p95:>7.1f} {judged:>13}"
    )


if __name__ == "__main__":
    main()
