"""The per-cue table's first row: the same event indexed without the closer look.

`bench/accuracy.py --hard` indexes the event a second time, in-process, with an
engine whose detection policy skips core/faces/closer.py, and asks for every
guest with the final decision rule: the difference to the main rows is what the
small faces found at full resolution give. It also prints both indexing rates
of the crowd photos, measured in the same run (same machine load).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from pathlib import Path

from bench.accuracy_tables import Score, score
from eventlens.cli.index import index_paths, open_event
from eventlens.core.errors import EventLensError
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.selfie import faces_in_selfie, subject
from eventlens.core.search.matches import search
from eventlens.services import Services
from eventlens.settings import Settings

LABEL = "eventlens sure: before (no closer look)"


async def _row(
    home: Path,
    engine: FaceEngine,
    folder: Path,
    selfies: dict[str, Path],
    truth: dict[str, set[str]],
) -> tuple[dict[str, Score], int, float]:
    services = await Services.open(Settings(home=home), engine)
    try:
        event = await open_event(services, "first-pass")
        started = time.perf_counter()
        summary = await index_paths(services, event, [str(folder)])
        seconds = time.perf_counter() - started
        rule = replace(services.thresholds, outfit=0.0, outfit_face=0.0)  # the rule before
        scores: dict[str, Score] = {}
        for name, path in sorted(selfies.items()):
            try:
                faces = await asyncio.to_thread(faces_in_selfie, engine, path.read_bytes())
            except EventLensError:
                scores[name] = score(set(), truth[name])
                continue
            matches = await search(
                services.vectors,
                services.photos,
                services.people,
                event.id,
                [subject(faces).embedding],
                rule,
            )
            photos = await services.photos.many([m.photo_id for m in matches if m.tier == "sure"])
            scores[name] = score({Path(p.source).name for p in photos.values()}, truth[name])
    finally:
        await services.close()
    return scores, summary.faces, summary.indexed / seconds if seconds else 0.0


def first_pass_row(
    engine: FaceEngine,
    home: Path,
    folder: Path,
    selfies: dict[str, Path],
    truth: dict[str, set[str]],
) -> tuple[str, dict[str, Score]]:
    """The sure tier as it was: no closer look, no appearance cue (seeds as queries last)."""
    plain = FaceEngine(
        engine.pack, ["CPUExecutionProvider"], policy=replace(engine.policy, closer=False)
    )
    plain.load()
    scores, faces, rate = asyncio.run(_row(home, plain, folder, selfies, truth))
    print(f"without the closer look: {faces} faces, {rate:.2f} photos/s (in-process)")
    return LABEL, scores
