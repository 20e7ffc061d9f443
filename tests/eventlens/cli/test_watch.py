"""`eventlens watch`: a tethering folder indexed as files settle, exactly once across kill -9."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from tests.core.media.dng import dng
from tests.e2e.photos import event_photos
from tests.eventlens.cli.conftest import ROOT, cli_env

PHOTOS = event_photos(6, seed=21, long_side=1100)


def _rows(db: Path, sql: str = "SELECT source, status FROM photos") -> list[tuple[Any, ...]]:
    if not db.exists():
        return []
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return list(connection.execute(sql).fetchall())
    except sqlite3.OperationalError:  # not migrated yet
        return []
    finally:
        connection.close()


async def _until(check: Callable[[], bool], what: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.2)


@pytest.fixture
async def watcher(tmp_path: Path) -> AsyncIterator[Callable[[], Any]]:
    started: list[asyncio.subprocess.Process] = []
    folder = tmp_path / "tether"
    folder.mkdir()

    async def start() -> asyncio.subprocess.Process:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "eventlens",
            "watch",
            "--event",
            "gala",
            str(folder),
            cwd=ROOT,
            env=cli_env(tmp_path / "home"),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.returncode is None:
            process.kill()
            await process.wait()


def _indexed(db: Path, count: int) -> Callable[[], bool]:
    return lambda: sum(status == "indexed" for _, status in _rows(db)) >= count


async def test_files_are_indexed_once_settled_and_once_only_across_kill_9(
    tmp_path: Path, watcher: Callable[[], Any]
) -> None:
    folder, db = tmp_path / "tether", tmp_path / "home" / "eventlens.sqlite3"
    first = await watcher()
    (folder / "a.jpg").write_bytes(PHOTOS[0])
    (folder / "sub").mkdir()
    (folder / "sub" / "b.jpg").write_bytes(PHOTOS[1])
    with (folder / "growing.jpg").open("wb") as growing:  # written in two goes, like tethering
        growing.write(PHOTOS[2][:5000])
        growing.flush()
        await asyncio.sleep(0.5)
        growing.write(PHOTOS[2][5000:])
    await _until(_indexed(db, 3), "three photos indexed")

    first.send_signal(signal.SIGKILL)
    await first.wait()
    (folder / "c.jpg").write_bytes(PHOTOS[3])
    (folder / "DSC_0005.JPG").write_bytes(PHOTOS[4])
    (folder / "DSC_0005.NEF").write_bytes(dng(PHOTOS[4], (1100, 733), (64, 48)))
    second = await watcher()
    await _until(_indexed(db, 5), "five photos indexed")
    await asyncio.sleep(2.0)  # a re-read of the first three would add nothing, but wait for it
    second.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(second.wait(), 60) == 0

    sources = sorted(source for source, _ in _rows(db))
    assert sources == ["DSC_0005.JPG", "a.jpg", "c.jpg", "growing.jpg", "sub/b.jpg"]
    skipped = set(_rows(db, "SELECT source, code FROM skipped"))
    restart = {(name, "duplicate") for name in ("a.jpg", "sub/b.jpg", "growing.jpg")}
    assert skipped <= restart, "only the restart's re-reads; nothing read half-written"
