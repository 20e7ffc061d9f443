"""Accuracy harness: does a guest get every photo they are in, and only those?

    python -m bench.accuracy [--photos 300] [--seed 1] [--people-dir DIR ...]

Builds a seeded synthetic event (`bench/synthetic.py`) from the labelled faces of
`../shared/datasets` (`bench/dataset.py`), keeping each person's selfies out of
it; indexes it with `eventlens index --json` and asks `eventlens find --json`
for every person, in a temporary EVENTLENS_HOME. `find` turns selfies into
queries and ranks the album with the very functions a guest's selfie goes
through in the bot (`faces_in_selfie` + `subject`, `GuestSearch.album`), so the
numbers are the guests' (tests/eventlens/cli/test_find_same_album.py holds the
two doors to the same album). Prints per-person precision and
recall, their means and the worst person, next to the naive baseline and, when
installed, the face_recognition (dlib) peer; then indexing throughput.
Precision and recall count every returned photo, `maybe` included; the
`sure`-only columns show what the guest gets without confirming anything.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from bench.dataset import Dataset, load
from bench.peers import dlib_available, dlib_peer, naive
from bench.synthetic_event import Box, EventPhoto, Source, build_event, load_sources
from bench.throughput import throughput
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.model_pack import resolve_pack
from eventlens.core.media.decode import decode_image

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
MODELS = Path(__file__).resolve().parent / "out" / "models"
SLUG = "bench-accuracy"


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float


def _cli(home: Path, *arguments: str) -> dict[str, object]:
    environment = {**os.environ, "EVENTLENS_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-m", "eventlens", *arguments, "--json"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip()}
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _score(returned: set[str], truth: set[str]) -> Score:
    hits = len(returned & truth)
    return Score(hits / len(returned) if returned else 1.0, hits / len(truth) if truth else 1.0)


def _locator(engine: FaceEngine) -> Callable[..., Box | None]:
    def locate(pixels: NDArray[np.uint8]) -> Box | None:
        ok, buffer = cv2.imencode(".jpg", pixels)
        faces = engine.analyze(decode_image(bytes(buffer))) if ok else []
        return max(faces, key=lambda face: face.size_px).box if faces else None

    return locate


def _event(
    dataset: Dataset, engine: FaceEngine, photos: int, seed: int
) -> tuple[list[EventPhoto], list[Source]]:
    sources, unusable = load_sources(
        {name: person.sources for name, person in dataset.people.items()}, _locator(engine)
    )
    for path in unusable:
        print(f"  (no face found in source {path.name}; left out)")
    event = build_event(sources, photos, seed)
    for number, group in enumerate(dataset.group_photos):
        event.append(
            EventPhoto(f"group-{number:02d}.jpg", frozenset(group.people), group.path.read_bytes())
        )
    return event, sources


def _table(rows: list[tuple[str, dict[str, Score]]], truth: dict[str, set[str]]) -> None:
    names = sorted(truth)
    header = f"{'person':<26}{'photos':>7}" + "".join(f"{label:>22}" for label, _ in rows)
    print(header)
    for name in names:
        cells = "".join(
            f"{f'P {s[name].precision:.3f} R {s[name].recall:.3f}':>22}" for _, s in rows
        )
        print(f"{name:<26}{len(truth[name]):>7}{cells}")
    print()
    print(f"{'system':<34}{'mean P':>8}{'mean R':>8}   worst person (P, R)")
    for label, scores in rows:
        mean_p = sum(scores[n].precision for n in names) / len(names)
        mean_r = sum(scores[n].recall for n in names) / len(names)
        worst = min(names, key=lambda n: (scores[n].recall, scores[n].precision))
        print(
            f"{label:<34}{mean_p:>8.3f}{mean_r:>8.3f}   {worst} "
            f"({scores[worst].precision:.3f}, {scores[worst].recall:.3f})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=300, help="synthetic photos in the event")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--selfies", type=int, default=2, help="most selfies kept per person")
    parser.add_argument("--people-dir", type=Path, action="append", default=[])
    parser.add_argument("--throughput-photos", type=int, default=24, help="12-MP photos; 0: skip")
    parser.add_argument("--no-peer", action="store_true", help="skip face_recognition")
    arguments = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent (it sits beside the checkout in development)")
        return 0
    pack = resolve_pack("buffalo_s", MODELS, Path("~/.insightface").expanduser())
    engine = FaceEngine(pack, ["CPUExecutionProvider"])
    engine.load()
    dataset = load(SHARED, arguments.people_dir, arguments.selfies, arguments.seed)
    queried = {name: p for name, p in dataset.people.items() if p.selfies}
    print(
        f"{len(dataset.people)} people, {len(queried)} with held-out selfies; seed {arguments.seed}"
    )
    event, _ = _event(dataset, engine, arguments.photos, arguments.seed)
    truth = {name: {p.name for p in event if name in p.people} for name in queried}
    faces = sum(len(p.people) for p in event)
    print(f"event: {len(event)} photos, {faces} labelled faces")
    with tempfile.TemporaryDirectory(prefix="eventlens-bench-") as temporary:
        folder = Path(temporary) / "photos"
        folder.mkdir()
        for photo in event:
            (folder / photo.name).write_bytes(photo.jpeg)
        home = Path(temporary) / "home"
        indexed = _cli(home, "index", "--event", SLUG, str(folder))
        if "error" in indexed:
            print(f"eventlens index failed: {indexed['error']}")
            return 1
        seconds = float(str(indexed["seconds"]))
        print(
            f"eventlens index: {indexed['photos_indexed']} photos, {indexed['faces']} faces "
            f"in {seconds:.1f} s ({len(event) / seconds:.2f} photos/s, end to end)"
        )
        pipeline_all: dict[str, Score] = {}
        pipeline_sure: dict[str, Score] = {}
        latencies = []
        for name, person in queried.items():
            started = time.perf_counter()
            found = _cli(home, "find", "--event", SLUG, *map(str, person.selfies))
            latencies.append(time.perf_counter() - started)
            matches = found.get("matches", [])
            assert isinstance(matches, list)
            every = {Path(str(m["source"])).name for m in matches}
            sure = {Path(str(m["source"])).name for m in matches if m["tier"] == "sure"}
            pipeline_all[name] = _score(every, truth[name])
            pipeline_sure[name] = _score(sure, truth[name])
        baseline_find = naive(engine, event)
        baseline = {n: _score(baseline_find(p.selfies), truth[n]) for n, p in queried.items()}
        rows = [
            ("naive (1 selfie, 0.35)", baseline),
            ("eventlens (all returned)", pipeline_all),
            ("eventlens (sure only)", pipeline_sure),
        ]
        if arguments.no_peer:
            pass
        elif dlib_available():
            started = time.perf_counter()
            peer = dlib_peer(event, folder)
            rate = len(event) / (time.perf_counter() - started)
            rows.append(
                (
                    f"face_recognition ({rate:.1f} ph/s)",
                    {n: _score(peer(p.selfies), truth[n]) for n, p in queried.items()},
                )
            )
        else:
            print("face_recognition (dlib) is not installed: no peer row (pip install .[bench])")
        print()
        _table(rows, truth)
        print(f"\nfind: {max(latencies):.2f} s worst per CLI call (model load included)")
    if arguments.throughput_photos:
        print()
        throughput(engine, dataset, arguments.throughput_photos, arguments.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
