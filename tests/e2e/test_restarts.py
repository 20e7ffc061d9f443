"""The bot as a real process: killed with SIGKILL and stopped with SIGTERM in the
middle of indexing an 80-photo ZIP, it ends with every photo indexed exactly once
and one correct summary."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from eventlens.storage.photos import face_id
from eventlens.storage.vectors import VectorStore
from tests.e2e.bot_process import BotProcess
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.flows import create_event
from tests.e2e.photos import event_photos, zip_of
from tests.e2e.telegram_user import FakeUser

PHOTOS = 80
# Interrupt after this many more photos are indexed: each process does real work.
STEP = 15


def _query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    """Read the bot's SQLite while it runs (WAL allows a concurrent reader)."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return list(connection.execute(sql).fetchall())
    finally:
        connection.close()


def _indexed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return int(_query(db, "SELECT COUNT(*) FROM photos WHERE status = 'indexed'")[0][0])
    except sqlite3.OperationalError:  # not migrated yet
        return 0


@pytest.fixture
async def bot_process(
    tmp_path: Path, fake_api: FakeBotAPI
) -> AsyncIterator[Callable[[], BotProcess]]:
    started: list[BotProcess] = []

    def make() -> BotProcess:
        process = BotProcess(fake_api, tmp_path / "home", [ADMIN_ID])
        started.append(process)
        return process

    yield make
    for process in started:
        await process.close()


async def _wait_indexed(api: FakeBotAPI, db: Path, at_least: int) -> int:
    count = await api.wait_for(lambda: _indexed(db) >= at_least and _indexed(db), 120, "indexing")
    assert count < PHOTOS, "indexing finished before the interruption; make the test photos larger"
    return count


async def test_sigkill_then_sigterm_mid_indexing_index_every_photo_exactly_once(
    tmp_path: Path,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    bot_process: Callable[[], BotProcess],
) -> None:
    db = tmp_path / "home" / "eventlens.sqlite3"
    first = bot_process()
    await first.start()
    await create_event(admin, "Marathon")
    archive = zip_of([(f"run/{i:03d}.jpg", data) for i, data in enumerate(event_photos(PHOTOS, 7))])
    await admin.send_document(archive, "marathon.zip", "application/zip")
    progress = await admin.expect_message(containing="⏳")

    await _wait_indexed(fake_api, db, STEP)
    first.kill()
    assert await first.wait() == -9

    second = bot_process()
    await second.start()
    before_term = await _wait_indexed(fake_api, db, _indexed(db) + STEP)
    assert await second.terminate() == 0, second.log_text()
    assert "bot stopped" in second.log_text()
    assert _query(db, "SELECT COUNT(*) FROM jobs WHERE status = 'running'")[0][0] == 0
    assert _indexed(db) >= before_term

    third = bot_process()
    await third.start()
    await fake_api.wait_for(lambda: "upload finished" in progress.text, 120, "the summary")
    assert await third.terminate() == 0, third.log_text()
    log = third.log_text()
    assert "Traceback" not in log and " ERROR " not in log, log

    photos = _query(db, "SELECT id, status, face_count, sha256 FROM photos")
    assert len(photos) == PHOTOS
    assert {row[1] for row in photos} == {"indexed"}
    assert len({row[3] for row in photos}) == PHOTOS
    assert _query(db, "SELECT COUNT(*), SUM(status = 'done') FROM jobs")[0] == (PHOTOS, PHOTOS)
    face_rows = {str(row[0]) for row in _query(db, "SELECT id FROM faces")}
    assert face_rows == {
        face_id(str(row[0]), index) for row in photos for index in range(int(row[2]))
    }
    event_id = str(_query(db, "SELECT id FROM events")[0][0])
    vectors = VectorStore.embedded(tmp_path / "home" / "chroma")
    assert vectors.count(event_id) == len(face_rows)

    # One progress message for the whole batch, edited across three processes.
    later = [m for m in admin.messages() if m.message_id > progress.message_id]
    assert not any("⏳" in m.history[0] for m in later)
    summary = progress.text
    assert f"Photos indexed: {PHOTOS} ·" in summary, summary
    faces = re.search(r"faces found: ([\d,]+)", summary)
    assert faces is not None and int(faces[1].replace(",", "")) == len(face_rows)
    assert "Skipped" not in summary
    assert any("photos/s" in text and "left" in text for text in progress.history)
