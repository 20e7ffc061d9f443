"""`eventlens index` killed with SIGKILL at each stage of ingest, then run again: SQLite,
Chroma and the blob folder end up agreeing, with every photo indexed exactly once.

The test watches the data directory from outside (a read-only SQLite reader, the blob
folder, Chroma's own SQLite file) and kills the process the moment a stage shows:
an original stored before its row, a job running (detection), more vectors in
Chroma than face rows in SQLite (written, not committed yet). Where a stage is too
brief to be seen, a kill at a seeded random moment after the stage's precondition
stands in for it, so runs repeat.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventlens.storage.photos import face_id
from eventlens.storage.vectors import VectorStore, collection_name
from tests.e2e.photos import event_photos

ROOT = Path(__file__).resolve().parents[2]
PHOTOS = 20
SLUG = "crash"


@dataclass(frozen=True)
class Disk:
    blobs: int
    photos: int
    running: int
    faces: int
    vectors: int


def _count(path: Path, sql: str) -> int:
    if not path.exists():
        return 0
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
    try:
        return int(connection.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # not created or migrated yet, or locked a moment
        return 0
    finally:
        connection.close()


def _disk(home: Path) -> Disk:
    db = home / "eventlens.sqlite3"
    return Disk(
        blobs=sum(1 for path in (home / "blobs").glob("??/??/*") if "." not in path.name),
        photos=_count(db, "SELECT COUNT(*) FROM photos"),
        running=_count(db, "SELECT COUNT(*) FROM jobs WHERE status = 'running'"),
        faces=_count(db, "SELECT COUNT(*) FROM faces"),
        vectors=_count(home / "chroma" / "chroma.sqlite3", "SELECT COUNT(*) FROM embeddings"),
    )


@dataclass(frozen=True)
class Stage:
    name: str
    seen: Callable[[Disk], bool]  # the stage itself, observed on disk
    armed: Callable[[Disk], bool]  # its precondition, from when a random kill may stand in


STAGES = (
    Stage("blob stored, row not yet", lambda d: d.blobs > d.photos, lambda d: d.blobs > 0),
    Stage("detecting", lambda d: d.running > 0, lambda d: d.photos > 0),
    Stage("vectors written, not committed", lambda d: d.vectors > d.faces, lambda d: d.faces > 0),
)


async def _index(home: Path, folder: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "eventlens",
        "index",
        "--event",
        SLUG,
        str(folder),
        cwd=ROOT,
        env={
            **os.environ,
            "EVENTLENS_HOME": str(home),
            "EVENTLENS_PROVIDERS": "CPUExecutionProvider",
        },
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


async def _kill_at(stage: Stage, home: Path, folder: Path, rng: random.Random) -> str:
    """Run the CLI and SIGKILL it at `stage`; how the kill came (or that it finished)."""
    process = await _index(home, folder)
    deadline, fallback = time.monotonic() + 180, None
    try:
        while process.returncode is None and time.monotonic() < deadline:
            disk = _disk(home)
            if stage.seen(disk):
                process.send_signal(signal.SIGKILL)
                return "seen"
            if fallback is None and stage.armed(disk):
                fallback = time.monotonic() + rng.uniform(0.0, 1.5)
            if fallback is not None and time.monotonic() >= fallback:
                process.send_signal(signal.SIGKILL)
                return "random"
            await asyncio.sleep(0.005)
        return "finished"
    finally:
        if process.returncode is None:
            process.kill()
        await process.wait()


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(db)
    try:
        return list(connection.execute(sql).fetchall())
    finally:
        connection.close()


async def test_killed_at_every_ingest_stage_sqlite_chroma_and_disk_agree(tmp_path: Path) -> None:
    folder, home = tmp_path / "photos", tmp_path / "home"
    folder.mkdir()
    for index, data in enumerate(event_photos(PHOTOS, seed=21)):
        (folder / f"{index:03d}.jpg").write_bytes(data)
    rng = random.Random(9)

    kills = [await _kill_at(stage, home, folder, rng) for stage in STAGES]
    assert kills[1] == "seen", kills  # detection lasts long enough to be caught every time

    final = await _index(home, folder)
    _, stderr = await asyncio.wait_for(final.communicate(), 300)
    assert final.returncode == 0, stderr.decode(errors="replace")

    db = home / "eventlens.sqlite3"
    photos = _rows(db, "SELECT id, status, face_count, sha256 FROM photos")
    assert len(photos) == PHOTOS and {row[1] for row in photos} == {"indexed"}
    assert _rows(db, "SELECT COUNT(*), SUM(status = 'done') FROM jobs")[0] == (PHOTOS, PHOTOS)
    faces = {str(row[0]) for row in _rows(db, "SELECT id FROM faces")}
    assert faces == {face_id(str(row[0]), n) for row in photos for n in range(int(row[2]))}
    (event_id,) = _rows(db, "SELECT id FROM events")[0]
    chroma = VectorStore.embedded(home / "chroma")._clients[0]
    collection = chroma.get_collection(collection_name(str(event_id)))
    assert set(collection.get(include=[])["ids"]) == faces  # no orphan, none missing
    stored = {path.name for path in (home / "blobs").glob("??/??/*")}
    assert stored == {str(row[3]) for row in photos}  # every original once, no orphan, no .part
