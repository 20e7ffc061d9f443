"""The same index/find round trip against a real `chroma run` server (HttpClient)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest

from tests.eventlens.cli.conftest import ROOT, as_json, cli_env


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    executable = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(executable).exists():
        pytest.skip("the chroma server command is not installed")
    port = _free_port()
    server = subprocess.Popen(
        [
            executable,
            "run",
            "--path",
            str(tmp_path / "chroma-server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("chroma run did not start")
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_index_and_find_through_a_chroma_server(
    chroma_url: str, tmp_path: Path, t1_path: Path
) -> None:
    env = {**cli_env(tmp_path / "home"), "EVENTLENS_CHROMA_URL": chroma_url}

    def run(*arguments: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "eventlens", *arguments, "--json"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result

    assert as_json(run("index", "--event", "remote", str(t1_path)))["faces"] == 6
    crop = tmp_path / "crop.jpg"
    cv2.imwrite(str(crop), cv2.imread(str(t1_path))[250:520, 650:950])
    matches = as_json(run("find", "--event", "remote", str(crop)))["matches"]
    assert matches[0]["tier"] == "sure"
    assert not (tmp_path / "home" / "chroma").exists()  # nothing went to the embedded store
