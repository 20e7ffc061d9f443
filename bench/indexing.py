"""Indexing throughput on generated 12-MP and 24-MP JPEGs with 1-6 faces each.

    python -m bench.indexing [--photos 60]

Runs the real pipeline in-process (store, queue, decode, detect, embed, Chroma,
SQLite) into a temporary EVENTLENS_HOME and prints photos/s and faces found, with
culling's assessment (core/culling/) off and on: on may be at most 10% slower.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from bench.synthetic import SIZES, write_event
from eventlens.cli.index import index_paths, open_event
from eventlens.core.faces.runtime import usable_cores
from eventlens.services import Services
from eventlens.settings import Settings


async def _measure(folder: Path, home: Path, culling: bool) -> tuple[int, int, float]:
    services = await Services.open(Settings(home=home, culling=culling))
    services.indexer.load()
    try:
        event = await open_event(services, "bench")
        started = time.perf_counter()
        summary = await index_paths(services, event, [str(folder)])
        seconds = time.perf_counter() - started
    finally:
        await services.close()
    return summary.indexed, summary.faces, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--photos", type=int, default=60)
    arguments = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for label, size in SIZES.items():
            folder = Path(scratch) / label
            placed = write_event(folder, size, arguments.photos)
            for culling in (False, True):
                home = Path(scratch) / f"home-{label}-{culling}"
                indexed, found, seconds = asyncio.run(_measure(folder, home, culling))
                named = f"{label}{' +cull' if culling else ''}"
                rows.append((named, indexed, placed, found, seconds, indexed / seconds))
    print(f"Indexing throughput ({usable_cores()} cores, CPU)")
    print(
        f"{'size':<11} {'photos':>7} {'faces placed':>13} {'faces found':>12} "
        f"{'seconds':>8} {'photos/s':>9}"
    )
    for label, indexed, placed, found, seconds, rate in rows:
        print(f"{label:<11} {indexed:>7} {placed:>13} {found:>12} {seconds:>8.1f} {rate:>9.1f}")


if __name__ == "__main__":
    main()
