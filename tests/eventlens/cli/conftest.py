"""Run the real `eventlens` command in a subprocess, as a user or a script would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[3]

Run = Callable[..., subprocess.CompletedProcess[str]]


def cli_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        EVENTLENS_HOME=str(home),
        EVENTLENS_PROVIDERS="CPUExecutionProvider",
        PYTHONPATH=str(ROOT),
        ANONYMIZED_TELEMETRY="False",
    )
    return env


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def eventlens(home: Path, tmp_path: Path) -> Run:
    def run(*arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "eventlens", *arguments],
            cwd=tmp_path,
            env=cli_env(home),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check:
            assert result.returncode == 0, result.stderr
        return result

    return run


def as_json(result: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(result.stdout)
