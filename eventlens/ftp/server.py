"""The FTP front door for cameras: pyftpdlib in its own thread, files handed to asyncio.

pyftpdlib is blocking, so it runs its own I/O loop in a thread; every decision it
needs (a login, the room left in a quota) and every completed file goes to the
asyncio loop with `run_coroutine_threadsafe`, where `core.ingest.camera` rules.
A login is jailed in its event's upload area with write-only rights (change and make
folders, store files): no listing, no download, no delete, no append, no rename, and
any path with `..` (or CDUP at the top) is refused outright. A transfer may write only
what is left of the event's byte quota; one cut short (quota, a reset or timed-out
connection) is deleted, never read.
A completed file is moved out of the upload area before the intake takes it, so the
camera can send the next file under the same name at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import re
import shutil
import threading
import uuid
from collections.abc import Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from pyftpdlib.authorizers import AuthenticationFailed, DummyAuthorizer
from pyftpdlib.filesystems import AbstractedFS
from pyftpdlib.handlers import DTPHandler, FTPHandler, TLS_FTPHandler
from pyftpdlib.servers import FTPServer

from eventlens.core.ingest.camera import CameraDesk
from eventlens.settings import Settings

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Change folder, make folders, store files: everything a camera does, nothing more.
WRITE_ONLY = "emw"
ASK_TIMEOUT_SECONDS = 30.0
POLL_SECONDS = 0.2
_PARENT = re.compile(r"(^|[\\/])\.\.([\\/]|$)")


class QuotaExceededError(OSError):
    """Raised inside a transfer that would go past the event's byte quota."""


class _Bridge:
    """Runs coroutines on the asyncio loop from the FTP thread and waits for them."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def ask(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(ASK_TIMEOUT_SECONDS)

    def hand_over(self, coroutine: Coroutine[Any, Any, object]) -> Future[object]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)


class CameraAuthorizer(DummyAuthorizer):  # type: ignore[misc]
    """Logins from `CameraDesk`; each maps to its event's upload area."""

    def __init__(self, desk: CameraDesk, bridge: _Bridge, areas: Path) -> None:
        super().__init__()
        self._desk, self._bridge, self._areas = desk, bridge, areas
        self.events: dict[str, str] = {}  # username -> event id, set at each login

    def validate_authentication(self, username: str, password: str, handler: object) -> None:
        event = self._bridge.ask(self._desk.authenticate(username, password))
        if event is None:
            raise AuthenticationFailed("Wrong user or password, or the event is closed.")
        self.events[username] = event.id
        (self._areas / event.id).mkdir(parents=True, exist_ok=True)

    def get_home_dir(self, username: str) -> str:
        return str(self._areas / self.events[username])

    def has_user(self, username: str) -> bool:
        return username in self.events

    def has_perm(self, username: str, perm: str, path: str | None = None) -> bool:
        if username not in self.events or perm not in WRITE_ONLY:
            return False
        return path is None or Path(path).is_relative_to(self.get_home_dir(username))

    def get_perms(self, username: str) -> str:
        return WRITE_ONLY

    def get_msg_login(self, username: str) -> str:
        return "Welcome: files you store here are added to the event."

    def get_msg_quit(self, username: str) -> str:
        return "Goodbye."

    def impersonate_user(self, username: str, password: str) -> None:
        return None

    def terminate_impersonation(self, username: str) -> None:
        return None


class _LimitedWriter:
    """A file opened for a transfer that refuses to grow past `limit` bytes."""

    def __init__(self, file: Any, limit: int) -> None:
        self._file, self._left = file, limit
        self.name = file.name
        self.closed = False

    def write(self, data: bytes) -> int:
        self._left -= len(data)
        if self._left < 0:
            raise QuotaExceededError(errno.EDQUOT, "the event's upload quota is used up")
        written: int = self._file.write(data)
        return written

    def close(self) -> None:
        self.closed = True
        self._file.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


class CameraDTPHandler(DTPHandler):  # type: ignore[misc]
    """A data connection that tells a dropped transfer from a finished one.

    pyftpdlib (like asyncore) takes a connection reset for the end of the file; here a
    reset, like any receive error or the quota running out, aborts the transfer, so
    `on_incomplete_file_received` deletes it.
    """

    def handle_read(self) -> None:
        try:
            chunk: bytes = self.socket.recv(self.ac_in_buffer_size)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as error:
            self._abort(f"connection lost ({error.strerror})")
            return
        if not chunk:  # the camera closed the connection: the end of the file
            self.handle_close()
            return
        self.tot_bytes_received += len(chunk)
        if self._data_wrapper is not None:
            chunk = self._data_wrapper(chunk)
        try:
            self.file_obj.write(chunk)
        except QuotaExceededError:
            self._abort("the event's upload quota is used up")
        except OSError as error:
            self._abort(f"cannot write ({error.strerror})")

    handle_read_event = handle_read

    def _abort(self, why: str) -> None:
        self._resp = (f"426 Transfer aborted: {why}.", logger.info)
        self.close()


class CameraFS(AbstractedFS):  # type: ignore[misc]
    """The jailed filesystem; a file opened for writing is capped at the room left."""

    def open(self, filename: str, mode: str) -> Any:
        file = super().open(filename, mode)
        limit = getattr(self.cmd_channel, "bytes_left", None)
        return _LimitedWriter(file, limit) if "w" in mode and limit is not None else file


class _CameraSession:
    """What the two handler classes (plain and TLS) add to pyftpdlib's FTPHandler."""

    desk: CameraDesk
    bridge: _Bridge
    spool: Path
    bytes_left: int | None = None

    def pre_process_command(self, line: str, cmd: str, arg: str) -> None:
        outside = cmd == "CDUP" and self.authenticated and self.fs.cwd == "/"  # type: ignore[attr-defined]
        if outside or (cmd not in ("USER", "PASS") and arg and _PARENT.search(arg)):
            self.respond("550 Nothing outside the upload folder.")  # type: ignore[attr-defined]
            return
        if cmd in ("STOR", "STOU") and not self._admit():
            return
        super().pre_process_command(line, cmd, arg)  # type: ignore[misc]

    def _admit(self) -> bool:
        event_id = self._event_id()
        if event_id is None:
            return True  # not logged in: pyftpdlib answers that itself
        room = self.bridge.ask(self.desk.room(event_id))
        if room.full:
            self.respond("552 The event's upload quota is used up.")  # type: ignore[attr-defined]
            return False
        self.bytes_left = room.bytes_left
        return True

    def _event_id(self) -> str | None:
        authorizer: CameraAuthorizer = self.authorizer  # type: ignore[attr-defined]
        username: str = self.username  # type: ignore[attr-defined]
        return authorizer.events.get(username) if self.authenticated else None  # type: ignore[attr-defined]

    def on_file_received(self, file: str) -> None:
        event_id = self._event_id()
        if event_id is None:
            Path(file).unlink(missing_ok=True)
            return
        name = Path(file).name
        taken = self.spool / f"{uuid.uuid4().hex}-{name}"
        shutil.move(file, taken)  # out of the camera's reach before the intake reads it
        try:  # counted now, so the camera's next STOR already sees it in the quota
            self.bridge.ask(self.desk.arrived(event_id, taken.stat().st_size))
        except Exception:  # a stalled database must not cost the photo: taken in regardless
            logger.exception("camera file %s not counted against the quota", name)
        done = self.bridge.hand_over(self.desk.receive(event_id, name, taken))
        done.add_done_callback(_log_failure)

    def close(self) -> None:
        """A session that ends with a STOR still waiting for its data connection (one the
        network dropped before it was accepted) leaves an empty file: it goes too."""
        queued = getattr(self, "_in_dtp_queue", None)
        super().close()  # type: ignore[misc]
        if queued is not None and queued[0] is not None:
            self.on_incomplete_file_received(queued[0].name)

    def on_incomplete_file_received(self, file: str) -> None:
        logger.info("incomplete camera upload %s deleted", Path(file).name)
        with contextlib.suppress(OSError):
            Path(file).unlink()


def _log_failure(done: Future[object]) -> None:
    if not done.cancelled() and done.exception() is not None:
        logger.error("camera file not taken: %r", done.exception())


class CameraHandler(_CameraSession, FTPHandler):  # type: ignore[misc]
    pass


class CameraTLSHandler(_CameraSession, TLS_FTPHandler):  # type: ignore[misc]
    pass


class CameraFtpServer:
    """The FTP server in a thread of its own, bound when `start` returns."""

    def __init__(self, settings: Settings, desk: CameraDesk, loop: asyncio.AbstractEventLoop):
        self._settings = settings
        self._desk = desk
        self._loop = loop
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._server: Any = None

    @property
    def address(self) -> tuple[str, int]:
        host, port = self._server.socket.getsockname()[:2]
        return str(host), int(port)

    def start(self) -> tuple[str, int]:
        settings = self._settings
        areas, spool = settings.camera_dir / "areas", settings.camera_dir / "spool"
        for folder in (areas, spool):  # what a stopped server left there was never taken
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        bridge = _Bridge(self._loop)
        tls = settings.ftp_tls_cert is not None
        base: type[Any] = CameraTLSHandler if tls else CameraHandler
        attributes: dict[str, Any] = {
            "desk": self._desk,
            "bridge": bridge,
            "spool": spool,
            "authorizer": CameraAuthorizer(self._desk, bridge, areas),
            "abstracted_fs": CameraFS,
            "passive_ports": range(
                settings.ftp_passive_ports[0], settings.ftp_passive_ports[1] + 1
            ),
            "banner": "EventLens camera upload",
            "permit_privileged_ports": False,
        }
        if settings.ftp_public_host:
            attributes["masquerade_address"] = settings.ftp_public_host
        if not tls:  # TLS keeps pyftpdlib's own data handler (its reads go through OpenSSL)
            attributes["dtp_handler"] = CameraDTPHandler
        if tls:
            attributes["certfile"] = str(settings.ftp_tls_cert)
            attributes["keyfile"] = str(settings.ftp_tls_key or settings.ftp_tls_cert)
            attributes["tls_control_required"] = True
            attributes["tls_data_required"] = True
        handler = type("ConfiguredCameraHandler", (base,), attributes)
        self._server = FTPServer((settings.ftp_host, settings.ftp_port or 0), handler)
        self._thread = threading.Thread(target=self._serve, name="ftp-server", daemon=True)
        self._thread.start()
        logger.info("FTP for cameras on %s:%d%s", *self.address, " (TLS)" if tls else "")
        return self.address

    def _serve(self) -> None:
        try:
            while not self._stop.is_set():
                self._server.serve_forever(timeout=POLL_SECONDS, blocking=False, handle_exit=False)
        finally:
            self._server.close_all()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
