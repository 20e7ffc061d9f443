"""`eventlens worker` as its own process, on the embedded default: it indexes what
`eventlens index --queue` stored, a second worker on the same data directory is
refused, and a worker killed mid-batch loses nothing once one runs again.

Watched from outside as `test_kill_stages` does: a read-only SQLite reader, the blob
folder, and (after the last worker stopped) the embedded Chroma store.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from eventlens.storage.data_lock import WORKER_LOCK_NAME
from eventlens.storage.photos import face_id
from eventlens.storage.vectors import VectorStore, collection_name
from tests.e2e.photos import event_photos
from tests.e2e.test_kill_stages import _count, _rows

ROOT = Path(__file__).resolve().parents[2]
PHOTOS = 12
SLUG = "workers"


async def _eventlens(home: Path, *arguments: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "eventlens",
        *arguments,
        cwd=ROOT,
        env={
            **os.environ,
            "EVENTLENS_HOME": str(home),
            "EVENTLENS_PROVIDERS": "CPUExecutionProvider",
            "ANONYMIZED_TELEMETRY": "False",
        },
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


def _jobs(home: Path, status: str) -> int:
    sql = f"SELECT COUNT(*) FROM jobs WHERE status = '{status}'"
    return _count(home / "eventlens.sqlite3", sql)


async def _poll(ready: Callable[[], bool], seconds: float = 300.0) -> None:
    """Wait until `ready()` is true (checked every 5 ms), or fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.005)


async def test_a_worker_process_indexes_alone_and_a_killed_one_loses_nothing(
    tmp_path: Path,
) -> None:
    folder, home = tmp_path / "photos", tmp_path / "home"
    folder.mkdir()
    for index, data in enumerate(event_photos(PHOTOS, seed=5)):
        (folder / f"{index:03d}.jpg").write_bytes(data)
    queued = await _eventlens(home, "index", "--queue", "--event", SLUG, str(folder))
    _, stderr = await asyncio.wait_for(queued.communicate(), 300)
    assert queued.returncode == 0, stderr.decode(errors="replace")
    assert _jobs(home, "pending") == PHOTOS  # stored and queued, nothing indexed yet

    killed = await _eventlens(home, "worker")
    await _poll(lambda: _jobs(home, "running") > 0)  # a batch is being detected
    killed.send_signal(signal.SIGKILL)
    await killed.wait()
    assert _jobs(home, "done") < PHOTOS

    worker = await _eventlens(home, "worker")
    lock = home / WORKER_LOCK_NAME
    await _poll(lambda: lock.exists() and lock.read_text().strip() == str(worker.pid))
    second = await _eventlens(home, "worker")
    _, refusal = await asyncio.wait_for(second.communicate(), 120)
    assert second.returncode == 1
    assert "already has an indexing worker" in refusal.decode(), refusal

    await _poll(lambda: _jobs(home, "done") == PHOTOS)
    worker.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(worker.communicate(), 120)
    assert worker.returncode == 0, stderr.decode(errors="replace")

    db = home / "eventlens.sqlite3"
    photos = _rows(db, "SELECT id, status, face_count, sha256 FROM photos")
    assert len(photos) == PHOTOS and {row[1] for row in photos} == {"indexed"}
    faces = {str(row[0]) for row in _rows(db, "SELECT id FROM faces")}
    assert faces == {face_id(str(row[0]), n) for row in photos for n in range(int(row[2]))}
    (event_id,) = _rows(db, "SELECT id FROM events")[0]
    chroma = VectorStore.embedded(home / "chroma")._clients[0]
    collection = chroma.get_collection(collection_name(str(event_id)))
    assert set(collection.get(include=[])["ids"]) == faces  # every face once, none lost
    stored = {path.name for path in (home / "blobs").glob("??/??/*")}
    assert stored == {str(row[3]) for row in photos}
