"""Real servers for tests that need them: `chroma run` and `redis-server` on loopback.

Each starts on a free port with its data in a temporary folder (Redis with no
persistence at all), is waited for until it answers, and is stopped at the end.
A test that needs a server the machine lacks skips and says which.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

START_SECONDS = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(server: subprocess.Popen[bytes], ready: Callable[[], bool], name: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while not ready():
        if time.monotonic() > deadline or server.poll() is not None:
            pytest.fail(f"{name} did not start")
        time.sleep(0.2)


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextmanager
def chroma_server(path: Path) -> Iterator[str]:
    """A `chroma run` server (the chromadb package's own command); yields its URL."""
    executable = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    if not Path(executable).exists():
        pytest.skip("the chroma server command is not installed")
    port = free_port()
    command = [executable, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(
        command,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"

    def ready() -> bool:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                return True
        except OSError:
            return False

    try:
        _wait(server, ready, "chroma run")
        yield url
    finally:
        _stop(server)


@contextmanager
def redis_server(path: Path) -> Iterator[str]:
    """A throwaway `redis-server` (Debian's redis-server package); yields its URL."""
    executable = shutil.which("redis-server")
    if executable is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    path.mkdir(parents=True, exist_ok=True)
    port = free_port()
    options = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(path)]
    server = subprocess.Popen(
        [executable, "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def ready() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    try:
        _wait(server, ready, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(server)
