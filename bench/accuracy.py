"""Accuracy harness: does a guest get every photo they are in, and only those?

    python -m bench.accuracy [--photos 300] [--seed 1] [--people-dir DIR ...]
    python -m bench.accuracy --hard [--photos 60] [--guests 24]

Builds a seeded synthetic event (`bench/synthetic.py`) from the labelled faces of
`../shared/datasets` (`bench/dataset.py`), keeping each person's selfies out of
it; indexes it with `eventlens index --json` in a temporary EVENTLENS_HOME, then
asks for every guest with the functions `eventlens find` and a guest's selfie in
the bot go through (`faces_in_selfie` + `subject`, `GuestSearch.album`; tests/
eventlens/cli/test_find_same_album.py holds the two doors to the same album),
in-process so each query does not reload the model.

`--hard` builds the event the held-out ones resemble: camera-size photos (3000-
6000 px) crowded with 6-16 small faces (24-160 px), each photo's people drawn
mostly among its first person's look-alikes (the identities whose faces the
model finds closest), and ONE selfie per guest, sharp, blurred or turned in turn
(`bench/synthetic_selfie.py`); everyone wears one outfit all event long (the
appearance cue's ground); it is also indexed without the closer look at
small faces (`bench/accuracy_closer.py`), the per-cue table's first row.

Printed: per-guest precision and recall, each system's means and worst guest
(the naive single cut, the face_recognition (dlib) peer when installed, and
EventLens with each decision rule as a row: the per-cue table), a precision/
recall curve of a sure tier that were one similarity cut, the selfie-advice rows
(one selfie; one selfie plus a second one where `core.faces.selfie.advice`
asks for it: the guest's other held-out photo, or the sharp original of the
first when they have only one), then indexing throughput. Precision and recall
of "all returned" count `maybe` too.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from bench.accuracy_closer import first_pass_row
from bench.accuracy_tables import Ranked, Score, curve, per_guest, score, systems
from bench.dataset import Dataset, Person, load
from bench.peers import dlib_available, dlib_peer, naive
from bench.synthetic_event import (
    CAMERA_SIZES,
    CROWD,
    CROWD_FACE_WIDTH,
    Box,
    EventPhoto,
    Source,
    build_event,
    load_sources,
)
from bench.synthetic_selfie import KINDS, selfie_jpeg
from bench.throughput import throughput
from eventlens.core.errors import EventLensError
from eventlens.core.faces.calibration import Thresholds
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.model_pack import resolve_pack
from eventlens.core.faces.selfie import advice, faces_in_selfie, subject
from eventlens.core.media.decode import decode_image
from eventlens.core.search.matches import search
from eventlens.services import Services
from eventlens.settings import Settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
MODELS = Path(__file__).resolve().parent / "out" / "models"
SLUG = "bench-accuracy"
LOOKALIKES = 3  # closest identities a person's photos are filled with (--hard)
CUTS = (0.28, 0.30, 0.32, 0.34, 0.36, 0.38, 0.40, 0.42, 0.45, 0.50)


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


def _largest(
    engine: FaceEngine, pixels: NDArray[np.uint8]
) -> tuple[Box, NDArray[np.float32]] | None:
    ok, buffer = cv2.imencode(".jpg", pixels)
    faces = engine.analyze(decode_image(bytes(buffer))) if ok else []
    face = max(faces, key=lambda f: f.size_px) if faces else None
    return (face.box, face.embedding) if face is not None else None


def _locator(
    engine: FaceEngine, seen: dict[int, NDArray[np.float32]] | None = None
) -> Callable[..., Box | None]:
    def locate(pixels: NDArray[np.uint8]) -> Box | None:
        found = _largest(engine, pixels)
        if found is not None and seen is not None:
            seen[id(pixels)] = found[1]
        return found[0] if found else None

    return locate


def _lookalikes(
    sources: list[Source], seen: dict[int, NDArray[np.float32]]
) -> dict[str, list[str]]:
    """Each person's closest other identities, by the mean of their source faces."""
    by_person: dict[str, list[NDArray[np.float32]]] = {}
    for source in sources:
        if id(source.pixels) in seen:
            by_person.setdefault(source.person, []).append(seen[id(source.pixels)])
    names = sorted(by_person)
    means = np.stack([np.mean(by_person[n], axis=0) for n in names])
    means /= np.linalg.norm(means, axis=1, keepdims=True)
    similar = means @ means.T
    np.fill_diagonal(similar, -1.0)
    return {
        name: [names[int(j)] for j in np.argsort(-similar[i])[:LOOKALIKES]]
        for i, name in enumerate(names)
    }


def _event(
    dataset: Dataset, engine: FaceEngine, photos: int, seed: int, hard: bool
) -> list[EventPhoto]:
    seen: dict[int, NDArray[np.float32]] = {}
    sources, unusable = load_sources(
        {name: person.sources for name, person in dataset.people.items()},
        _locator(engine, seen),
    )
    for path in unusable:
        print(f"  (no face found in source {path.name}; left out)")
    if hard:
        event = build_event(
            sources,
            photos,
            seed,
            CROWD,
            CAMERA_SIZES,
            CROWD_FACE_WIDTH,
            _lookalikes(sources, seen),
            dressed=True,
        )
    else:
        event = build_event(sources, photos, seed)
    for number, group in enumerate(dataset.group_photos):
        event.append(
            EventPhoto(f"group-{number:02d}.jpg", frozenset(group.people), group.path.read_bytes())
        )
    return event


def _selfies(queried: dict[str, Person], folder: Path, hard: bool, seed: int) -> dict[str, Path]:
    """One selfie file per guest; under --hard, sharp, blurred and turned in turn."""
    rng = random.Random(seed)
    chosen: dict[str, Path] = {}
    for number, (name, person) in enumerate(sorted(queried.items())):
        original = person.selfies[0]
        if not hard:
            chosen[name] = original
            continue
        pixels = cv2.imread(str(original), cv2.IMREAD_COLOR)
        kind = KINDS[number % len(KINDS)]
        path = folder / f"{name}-{kind}.jpg"
        path.write_bytes(selfie_jpeg(np.asarray(pixels, dtype=np.uint8), kind, rng))
        chosen[name] = path
    return chosen


async def _ranked(
    services: Services, selfies: list[Path], rules: dict[str, Thresholds]
) -> dict[str, dict[str, tuple[float, str]]] | None:
    """For each rule: photo source name -> (score, tier); None when no usable face."""
    embeddings = []
    for path in selfies:
        try:
            faces = await asyncio.to_thread(faces_in_selfie, services.engine, path.read_bytes())
            embeddings.append(subject(faces).embedding)
        except EventLensError:
            continue
    if not embeddings:
        return None
    event = await services.event(SLUG)
    found: dict[str, dict[str, tuple[float, str]]] = {}
    for label, rule in rules.items():
        matches = await search(
            services.vectors, services.photos, services.people, event.id, embeddings, rule
        )
        photos = await services.photos.many([m.photo_id for m in matches])
        found[label] = {
            Path(photos[m.photo_id].source).name: (m.score, m.tier)
            for m in matches
            if m.photo_id in photos
        }
    return found


def _advised(engine: FaceEngine, selfie: Path, found: dict[str, tuple[float, str]]) -> bool:
    try:
        face = subject(faces_in_selfie(engine, selfie.read_bytes()))
    except EventLensError:
        return True
    sure = sum(1 for _, tier in found.values() if tier == "sure")
    return advice(face, sure, len(found) - sure) is not None


async def _queries(
    home: Path,
    engine: FaceEngine,
    queried: dict[str, Person],
    selfies: dict[str, Path],
    truth: dict[str, set[str]],
) -> list[tuple[str, dict[str, Score]]]:
    """The EventLens rows: one per decision rule, all returned, and the advice rows."""
    services = await Services.open(Settings(home=home), engine)
    try:
        rules = services.thresholds.variants()
        rows: dict[str, dict[str, Score]] = {label: {} for label in rules}
        every: dict[str, Score] = {}
        ranked: dict[str, Ranked] = {}
        advised: dict[str, Score] = {}
        for name in sorted(queried):
            found = await _ranked(services, [selfies[name]], rules)
            if found is None:
                for label in rules:
                    rows[label][name] = score(set(), truth[name])
                every[name] = score(set(), truth[name])
                ranked[name] = Ranked({}, truth[name])
                continue
            final = found[next(reversed(rules))]
            for label, photos in found.items():
                rows[label][name] = score(
                    {p for p, (_, tier) in photos.items() if tier == "sure"}, truth[name]
                )
            every[name] = score(set(final), truth[name])
            ranked[name] = Ranked({p: s for p, (s, _) in final.items()}, truth[name])
            if _advised(engine, selfies[name], final):
                second = queried[name].selfies[1:2] or queried[name].selfies[:1]
                again = await _ranked(services, [selfies[name], *second], rules)
                photos = again[next(reversed(rules))] if again else {}
                advised[name] = score(
                    {p for p, (_, tier) in photos.items() if tier == "sure"}, truth[name]
                )
    finally:
        await services.close()
    last = next(reversed(rules))
    table = [(f"eventlens sure: {label}", scores) for label, scores in rows.items()]
    table.append(("eventlens all returned (sure+maybe)", every))
    print()
    print("sure tier if it were one similarity cut (final rule's scores, every guest):")
    curve(ranked, CUTS)
    print()
    return table + _advice_rows(rows[last], advised, truth)


def _advice_rows(
    one: dict[str, Score], advised: dict[str, Score], truth: dict[str, set[str]]
) -> list[tuple[str, dict[str, Score]]]:
    names = sorted(truth)
    after = {n: advised.get(n, one[n]) for n in names}
    reached = sorted(advised)
    print(f"selfie advice reaches {len(reached)} of {len(names)} guests: {', '.join(reached)}")
    if reached:
        before_r = sum(one[n].recall for n in reached) / len(reached)
        after_r = sum(advised[n].recall for n in reached) / len(reached)
        print(f"  their sure recall: {before_r:.3f} with one selfie, {after_r:.3f} after a second")
    return [("one selfie (sure)", one), ("one selfie + advice (sure)", after)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=300, help="synthetic photos in the event")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--selfies", type=int, default=2, help="held-out selfies per person")
    parser.add_argument("--guests", type=int, default=0, help="query only this many (0: all)")
    parser.add_argument("--hard", action="store_true", help="camera-size crowds, one poor selfie")
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
    queried = {name: p for name, p in sorted(dataset.people.items()) if p.selfies}
    if arguments.guests:
        queried = dict(list(queried.items())[: arguments.guests])
    print(
        f"{len(dataset.people)} people, {len(queried)} guests queried with one selfie each; "
        f"seed {arguments.seed}{', hard event' if arguments.hard else ''}"
    )
    event = _event(dataset, engine, arguments.photos, arguments.seed, arguments.hard)
    truth = {name: {p.name for p in event if name in p.people} for name in queried}
    faces = sum(len(p.people) for p in event)
    print(f"event: {len(event)} photos, {faces} labelled faces")
    with tempfile.TemporaryDirectory(prefix="eventlens-bench-") as temporary:
        folder = Path(temporary) / "photos"
        folder.mkdir()
        for photo in event:
            (folder / photo.name).write_bytes(photo.jpeg)
        selfies = _selfies(queried, Path(temporary), arguments.hard, arguments.seed)
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
        ours = asyncio.run(_queries(home, engine, queried, selfies, truth))
        if arguments.hard:
            plain_home = Path(temporary) / "home-first-pass"
            ours.insert(0, first_pass_row(engine, plain_home, folder, selfies, truth))
        baseline_find = naive(engine, event)
        rows = [
            (
                "naive (1 selfie, 0.35)",
                {n: score(baseline_find([selfies[n]]), truth[n]) for n in queried},
            )
        ]
        if arguments.no_peer:
            pass
        elif dlib_available():
            peer = dlib_peer(event, folder)
            rows.append(
                ("face_recognition 0.6", {n: score(peer([selfies[n]]), truth[n]) for n in queried})
            )
        else:
            print("face_recognition is not installed: no peer row (see bench/peers.py)")
        rows += ours
        notes = {n: selfies[n].stem.rsplit("-", 1)[-1] if arguments.hard else "" for n in queried}
        print()
        per_guest(rows, truth, notes)
        print()
        systems(rows, truth)
    if arguments.throughput_photos:
        print()
        throughput(engine, dataset, arguments.throughput_photos, arguments.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
