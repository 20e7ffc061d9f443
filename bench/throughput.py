"""Indexing throughput on 12-MP JPEGs with 1-6 faces, before and after this issue's
detection passes: the same indexing pipeline (`eventlens.cli.index.index_paths`),
once with the single 640-px pass the face core shipped with, once with the
default policy (low-threshold candidates, zoomed mosaic, sideways retry).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from bench.dataset import Dataset
from bench.synthetic_event import TWELVE_MP, build_event, load_sources
from eventlens.cli.index import index_paths, open_event
from eventlens.core.faces.detection import SINGLE_PASS
from eventlens.core.faces.engine import FaceEngine
from eventlens.services import Services
from eventlens.settings import Settings


async def _index(engine: FaceEngine, folder: Path, home: Path) -> tuple[float, int]:
    settings = Settings(home=home, providers=("CPUExecutionProvider",))
    services = await Services.open(settings, engine=engine)
    try:
        event = await open_event(services, "throughput")
        started = time.perf_counter()
        summary = await index_paths(services, event, [str(folder)])
        return time.perf_counter() - started, summary.faces
    finally:
        await services.close()


def throughput(engine: FaceEngine, dataset: Dataset, photos: int, seed: int) -> None:
    from bench.accuracy import _locator

    sources, _ = load_sources(
        {name: person.sources for name, person in dataset.people.items()}, _locator(engine)
    )
    event = build_event(sources, photos, seed + 1000, people_per_photo=(1, 6), sizes=TWELVE_MP)
    print(f"indexing throughput: {photos} JPEGs of 4000x3000 with 1-6 faces each")
    with tempfile.TemporaryDirectory(prefix="eventlens-throughput-") as temporary:
        folder = Path(temporary) / "photos"
        folder.mkdir()
        for photo in event:
            (folder / photo.name).write_bytes(photo.jpeg)
        for label, policy in (("before: single 640 pass", SINGLE_PASS), ("after: default", None)):
            variant = FaceEngine(engine.pack, ["CPUExecutionProvider"], policy=policy)
            variant.load()
            asyncio.run(_index(variant, folder, Path(temporary) / "warm"))  # ORT sessions
            seconds, faces = asyncio.run(_index(variant, folder, Path(temporary) / label[:5]))
            print(f"  {label:<28} {photos / seconds:6.2f} photos/s  ({faces} faces)")
