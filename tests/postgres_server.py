"""A throwaway PostgreSQL cluster for tests: Debian's binaries, a temporary data directory.

`initdb` and `pg_ctl` from /usr/lib/postgresql/*/bin start a server on a free
loopback port with its socket in the same temporary directory. PostgreSQL refuses
to run as root, so under root the cluster belongs to `nobody`. Each test gets a
database of its own (`new_database`), dropped after it.

`EVENTLENS_TEST_DATABASE=postgresql` runs every test that opens `services` on it.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None when none is installed."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4])
    )
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PostgresServer:
    def __init__(self, bin_dir: Path) -> None:
        self._bin = bin_dir
        self._root = Path(tempfile.mkdtemp(prefix="eventlens-pg-"))
        self._data = self._root / "data"
        self.port = _free_port()
        self._user = "nobody" if os.geteuid() == 0 else None
        if self._user is not None:
            entry = pwd.getpwnam(self._user)
            os.chown(self._root, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str) -> None:
        subprocess.run(args, check=True, capture_output=True, user=self._user, timeout=120)

    def start(self) -> None:
        self._run(
            str(self._bin / "initdb"),
            "-D",
            str(self._data),
            "-U",
            "eventlens",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
        )
        options = (
            f"-h 127.0.0.1 -p {self.port} -k {self._root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self._bin / "pg_ctl"),
            "-D",
            str(self._data),
            "-o",
            options,
            "-l",
            str(self._root / "server.log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(str(self._bin / "pg_ctl"), "-D", str(self._data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self._root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://eventlens@127.0.0.1:{self.port}/{database}"

    def _client(self, program: str, *args: str) -> None:
        where = ("-h", "127.0.0.1", "-p", str(self.port), "-U", "eventlens")
        subprocess.run(
            [str(self._bin / program), *where, *args], check=True, capture_output=True, timeout=60
        )

    def new_database(self) -> str:
        """The URL of a new empty database."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self._client("createdb", name)
        return self.url(name)

    def drop_database(self, url: str) -> None:
        self._client("dropdb", "--force", "--if-exists", url.rsplit("/", 1)[1])
