from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.storage.vectors import VectorStore
from tests.conftest import jpeg
from tests.eventlens.cli.conftest import Run, as_json, cli_env
from tests.images import png_header_bomb

# Enough that a kill after five lands mid-run, few enough to index quickly.
PHOTOS = 20


def _write_bad_inputs(folder: Path, good: bytes) -> list[str]:
    folder.mkdir()
    (folder / "text.jpg").write_text("not a photo")
    (folder / "truncated.jpg").write_bytes(good[: len(good) // 3])
    (folder / "huge.png").write_bytes(png_header_bomb(20_000, 20_000))
    with zipfile.ZipFile(folder / "evil.zip", "w") as archive:
        archive.writestr("../escape.jpg", good)
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.jpg", b"\0" * (60 * 1024 * 1024))
    (folder / "empty").mkdir()
    return ["text.jpg", "truncated.jpg", "huge.png", "evil.zip", "bomb.zip", "empty"]


def test_index_reports_the_contract_and_every_skip(
    eventlens: Run, tmp_path: Path, t1_path: Path
) -> None:
    bad = tmp_path / "bad"
    names = _write_bad_inputs(bad, t1_path.read_bytes())
    arguments = [str(bad / name) for name in names]

    result = as_json(eventlens("index", "--event", "gala", "--json", str(t1_path), *arguments))

    assert set(result) == {"event", "photos_indexed", "photos_skipped", "faces", "seconds"}
    assert result["event"] == "gala"
    assert result["photos_indexed"] == 1
    assert result["faces"] == 6
    skipped = {item["source"]: item["reason"] for item in result["photos_skipped"]}
    assert set(skipped) == {
        str(bad / "text.jpg"),
        str(bad / "truncated.jpg"),
        str(bad / "huge.png"),
        str(bad / "evil.zip") + ":../escape.jpg",
        str(bad / "bomb.zip") + ":bomb.jpg",
        str(bad / "empty"),
    }
    assert "not an image" in skipped[str(bad / "text.jpg")]
    assert "truncated" in skipped[str(bad / "truncated.jpg")]
    assert "too many pixels" in skipped[str(bad / "huge.png")]
    assert "unsafe path" in skipped[str(bad / "evil.zip") + ":../escape.jpg"]
    assert "ZIP bomb" in skipped[str(bad / "bomb.zip") + ":bomb.jpg"]
    assert "no files" in skipped[str(bad / "empty")]
    codes = {item["source"]: item["code"] for item in result["photos_skipped"]}
    assert codes == {
        str(bad / "text.jpg"): "not_an_image",
        str(bad / "truncated.jpg"): "jpeg_truncated",
        str(bad / "huge.png"): "too_many_pixels",
        str(bad / "evil.zip") + ":../escape.jpg": "zip_unsafe_path",
        str(bad / "bomb.zip") + ":bomb.jpg": "zip_bomb",
        str(bad / "empty"): "empty_folder",
    }


def test_indexing_the_same_folder_twice_adds_nothing_and_says_so(
    eventlens: Run, tmp_path: Path, t1_image: NDArray[np.uint8]
) -> None:
    folder = tmp_path / "photos"
    (folder / "day1").mkdir(parents=True)
    (folder / "day1" / "a.jpg").write_bytes(jpeg(t1_image))
    (folder / "b.jpg").write_bytes(jpeg(cv2.flip(t1_image, 1)))
    with zipfile.ZipFile(folder / "more.zip", "w") as archive:
        archive.writestr("inner/c.jpg", jpeg(t1_image[:, 100:]))

    first = as_json(eventlens("index", "--event", "gala", "--json", str(folder)))
    assert first["photos_indexed"] == 3 and first["photos_skipped"] == []

    second = eventlens("index", "--event", "gala", str(folder))
    assert "indexed 0 photo(s)" in second.stdout
    assert "Nothing new: every photo was already indexed." in second.stdout
    again = as_json(eventlens("index", "--event", "gala", "--json", str(folder)))
    assert again["photos_indexed"] == 0 and again["faces"] == 0
    assert {item["source"] for item in again["photos_skipped"]} == {
        os.path.join(str(folder), "b.jpg"),
        os.path.join(str(folder), "day1", "a.jpg"),
        os.path.join(str(folder), "more.zip") + ":inner/c.jpg",
    }
    assert {item["code"] for item in again["photos_skipped"]} == {"duplicate"}
    assert {item["reason"] for item in again["photos_skipped"]} >= {
        f"already in the event (as {os.path.join(str(folder), 'b.jpg')})"
    }


def test_a_bad_slug_or_missing_path_is_one_line(eventlens: Run, tmp_path: Path) -> None:
    result = eventlens("index", "--event", "Bad Slug", str(tmp_path), check=False)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "slug" in result.stderr
    missing = as_json(eventlens("index", "--event", "ok", "--json", str(tmp_path / "nope")))
    assert missing["photos_skipped"] == [
        {
            "source": str(tmp_path / "nope"),
            "reason": "no such file or folder",
            "code": "no_such_path",
        }
    ]


def _indexed(database: Path) -> int:
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(database, timeout=5) as connection:
            row = connection.execute(
                "SELECT COUNT(*) FROM photos WHERE status='indexed'"
            ).fetchone()
    except sqlite3.OperationalError:
        return 0
    return int(row[0])


def test_a_killed_run_resumes_and_indexes_every_photo_once(
    eventlens: Run, home: Path, tmp_path: Path, t1_image: NDArray[np.uint8]
) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    for index in range(PHOTOS):
        shifted = np.roll(t1_image, index * 7, axis=1)
        (folder / f"{index:02d}.jpg").write_bytes(jpeg(shifted))
    database = home / "eventlens.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-m", "eventlens", "index", "--event", "run", "--json", str(folder)],
        cwd=tmp_path,
        env=cli_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while _indexed(database) < 5 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done_before = _indexed(database)
    assert 0 < done_before < PHOTOS

    resumed = as_json(eventlens("index", "--event", "run", "--json", str(folder)))

    assert resumed["photos_indexed"] == PHOTOS - done_before
    assert len(resumed["photos_skipped"]) == done_before
    with sqlite3.connect(database) as connection:
        photos = connection.execute("SELECT COUNT(*), SUM(face_count) FROM photos").fetchone()
        statuses = connection.execute("SELECT DISTINCT status FROM photos").fetchall()
        faces = connection.execute("SELECT COUNT(*) FROM faces").fetchone()[0]
        jobs = connection.execute("SELECT COUNT(*) FROM jobs WHERE status != 'done'").fetchone()
        (event_id,) = connection.execute("SELECT id FROM events").fetchone()
    assert photos[0] == PHOTOS and statuses == [("indexed",)]
    assert faces == photos[1]
    assert jobs[0] == 0
    assert VectorStore.embedded(home / "chroma").count(event_id) == faces
    reindexed = as_json(eventlens("reindex", "--event", "run", "--json"))
    assert reindexed["faces"] == faces
