"""The same index/find round trip against a real `chroma run` server (HttpClient)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from tests.eventlens.cli.conftest import ROOT, as_json, cli_env


@pytest.fixture
def chroma_url(chroma_servers: tuple[str, str]) -> str:
    return chroma_servers[0]


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
