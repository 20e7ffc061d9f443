"""Run the real `eventlens` command, as a user or a script would.

`eventlens` calls the console script's own `main(argv)` in this process: the same
parser, settings from the environment, exit codes and stdout/stderr, without paying
an interpreter start-up and ~4 s of imports per call (a CLI test makes dozens of
calls). The command builds its services as usual, except that the face engine it
constructs is the session's real one (`tests/conftest.py`), already loaded.
Chroma's per-path client cache is cleared after each call, so every call opens the
stores as a fresh process would. Tests about the process itself (SIGKILL,
the `run` command, a Chroma server) start `python -m eventlens` with `cli_env`.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from chromadb.api.shared_system_client import SharedSystemClient

from eventlens import services
from eventlens.cli.main import main
from eventlens.core.faces.engine import FaceEngine

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


def in_process(
    home: Path, workdir: Path, capsys: pytest.CaptureFixture[str], engine: FaceEngine
) -> Run:
    """`run("find", "--event", "t1", path)` -> CompletedProcess, as the CLI would exit."""

    def run(*arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        capsys.readouterr()  # start clean
        with pytest.MonkeyPatch.context() as patch:
            for name, value in cli_env(home).items():
                patch.setenv(name, value)
            patch.chdir(workdir)
            patch.setattr(services, "FaceEngine", lambda *_args, **_kwargs: engine)
            try:
                code = main(list(arguments))
            finally:
                SharedSystemClient.clear_system_cache()
        out, err = capsys.readouterr()
        result = subprocess.CompletedProcess(["eventlens", *arguments], code, out, err)
        if check:
            assert result.returncode == 0, result.stderr
        return result

    return run


@pytest.fixture
def eventlens(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: FaceEngine
) -> Run:
    return in_process(home, tmp_path, capsys, engine)


def as_json(result: subprocess.CompletedProcess[str]) -> Any:
    return json.loads(result.stdout)
