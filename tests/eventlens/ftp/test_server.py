"""The camera FTP server in this process: what a camera may do, and nothing more."""

from __future__ import annotations

import asyncio
import datetime
import ftplib
import io
import socket
import struct
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from eventlens.core.faces.engine import FaceEngine
from eventlens.ftp.server import CameraFtpServer
from eventlens.services import Services
from eventlens.settings import Settings
from eventlens.storage.events import Event
from tests.e2e.photos import event_photos

PHOTOS = event_photos(3, seed=12)


@dataclass
class Camera:
    services: Services
    event: Event
    port: int
    user: str
    password: str


def _self_signed(folder: Path) -> Path:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    path = folder / "ftp.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        + certificate.public_bytes(serialization.Encoding.PEM)
    )
    return path


async def _camera(settings: Settings, engine: FaceEngine) -> AsyncIterator[Camera]:
    services = await Services.open(settings, engine=engine)
    server = CameraFtpServer(settings, services.camera, asyncio.get_running_loop())
    try:
        event = await services.events.create("gala", "Gala", engine.pack.name, owner_id=7)
        login = await services.camera.show(event, 7, 7, "en")
        await services.loops.start()
        _, port = await asyncio.to_thread(server.start)
        yield Camera(services, event, port, login.username, login.password)
    finally:
        await asyncio.to_thread(server.stop)
        await services.loops.stop()
        await services.close()


def _ftp_settings(tmp_path: Path, **extra: object) -> Settings:
    return Settings(
        home=tmp_path / "home",
        providers=("CPUExecutionProvider",),
        ftp_port=0,
        ftp_host="127.0.0.1",
        ftp_passive_ports=(44100, 44140),
        **extra,
    )


@pytest.fixture
async def camera(tmp_path: Path, engine: FaceEngine) -> AsyncIterator[Camera]:
    async for made in _camera(_ftp_settings(tmp_path), engine):
        yield made


def _reset(sock: socket.socket) -> None:
    """Close with a TCP reset, as a dropped network does, not with a clean FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _login(camera: Camera, password: str | None = None) -> ftplib.FTP:
    ftp = ftplib.FTP()
    ftp.connect("127.0.0.1", camera.port, timeout=20)
    ftp.login(camera.user, camera.password if password is None else password)
    return ftp


def _store(ftp: ftplib.FTP, name: str, data: bytes) -> str:
    return ftp.storbinary(f"STOR {name}", io.BytesIO(data))


async def _sources(camera: Camera, count: int) -> list[str]:
    """The event's photo names once `count` of them are indexed."""
    for _ in range(300):
        photos = await camera.services.photos.of_event(camera.event.id)
        if len(photos) >= count and all(photo.status == "indexed" for photo in photos):
            return sorted(photo.source for photo in photos)
        await asyncio.sleep(0.1)
    raise AssertionError(f"{count} photos never indexed")


async def _skips(camera: Camera) -> list[tuple[str, str]]:
    """The open batch's skips, once the intake had time to take what was handed over."""
    await asyncio.sleep(0.5)
    batch = (await camera.services.batches.open())[0]
    return [
        (skip.source, skip.reason.code) for skip in await camera.services.batches.skips(batch.id)
    ]


async def test_stored_files_become_photos_once_and_a_resend_is_a_skip(camera: Camera) -> None:
    made: set[str] = set()

    def push(files: dict[str, bytes]) -> None:
        ftp = _login(camera)
        if "DCIM" not in made:
            ftp.mkd("DCIM")
            made.add("DCIM")
        ftp.cwd("DCIM")
        for name, data in files.items():
            assert _store(ftp, name, data).startswith("226")
        ftp.quit()

    await asyncio.to_thread(push, {"a.jpg": PHOTOS[0], "b.jpg": PHOTOS[1]})
    assert await _sources(camera, 2) == ["a.jpg", "b.jpg"]
    await asyncio.to_thread(push, {"a-again.jpg": PHOTOS[0]})
    assert await _skips(camera) == [("a-again.jpg", "duplicate")]
    assert await _sources(camera, 2) == ["a.jpg", "b.jpg"]
    batch = (await camera.services.batches.open())[0]
    assert batch.chat_id == 7, "progress goes to the photographer who opened /ftp"


async def test_wrong_password_and_a_rotated_one_are_refused(camera: Camera) -> None:
    with pytest.raises(ftplib.error_perm, match="530"):
        await asyncio.to_thread(_login, camera, "wrong")
    await camera.services.camera.rotate(camera.event, 7, 7, "en")
    with pytest.raises(ftplib.error_perm, match="530"):
        await asyncio.to_thread(_login, camera)


async def test_no_parent_paths_listing_download_delete_or_rename(camera: Camera) -> None:
    def attempts() -> list[str]:
        ftp = _login(camera)
        _store(ftp, "mine.jpg", PHOTOS[0])
        refused = []
        for attempt in (
            lambda: _store(ftp, "../outside.jpg", PHOTOS[1]),
            lambda: ftp.cwd(".."),
            lambda: ftp.nlst(),
            lambda: ftp.retrlines("LIST"),
            lambda: ftp.retrbinary("RETR mine.jpg", lambda _: None),
            lambda: ftp.delete("mine.jpg"),
            lambda: ftp.rename("mine.jpg", "x.jpg"),
        ):
            try:
                attempt()
            except ftplib.error_perm as error:
                refused.append(str(error)[:3])
            else:
                refused.append("ok")
        ftp.quit()
        return refused

    assert await asyncio.to_thread(attempts) == ["550"] * 7, "cwd('..') sends CDUP"
    assert await _sources(camera, 1) == ["mine.jpg"]


async def test_a_dropped_transfer_is_deleted_not_indexed(camera: Camera, tmp_path: Path) -> None:
    def drop() -> None:
        ftp = _login(camera)
        ftp.voidcmd("TYPE I")
        conn = ftp.transfercmd("STOR cut.jpg")
        conn.sendall(PHOTOS[2][: len(PHOTOS[2]) // 2])
        _reset(conn)  # the network drops with the transfer under way
        time.sleep(0.3)
        _reset(ftp.sock)
        ftp = _login(camera)
        _store(ftp, "whole.jpg", PHOTOS[1])
        ftp.quit()

    await asyncio.to_thread(drop)
    assert await _sources(camera, 1) == ["whole.jpg"]
    area = tmp_path / "home" / "camera"
    # The server notices the reset on its own schedule (a loaded machine: later than the
    # next login's file); the cut file must then go, never reaching the intake.
    for _ in range(100):
        if not [path for path in area.rglob("*") if path.is_file()]:
            break
        await asyncio.sleep(0.1)
    assert [path for path in area.rglob("*") if path.is_file()] == []
    assert await _sources(camera, 1) == ["whole.jpg"]
    assert await _skips(camera) == [], "a cut transfer is not even a skip"


async def test_quotas_cut_a_transfer_then_refuse_the_next(
    tmp_path: Path, engine: FaceEngine
) -> None:
    settings = _ftp_settings(
        tmp_path,  # room for two photos and 100 bytes, three files in all
        ftp_max_bytes_per_event=len(PHOTOS[0]) + len(PHOTOS[1]) + 100,
        ftp_max_files_per_event=3,
    )

    def fill(camera: Camera) -> list[str]:
        ftp = _login(camera)
        replies = []
        for name, data in (
            ("0.jpg", PHOTOS[0]),
            ("1.jpg", PHOTOS[1]),
            ("2.jpg", PHOTOS[2]),  # past the byte quota: cut
            ("notes.jpg", b"not a photo"),  # fits: taken, then skipped
            ("3.jpg", b"x"),  # a fourth file
        ):
            try:
                replies.append(_store(ftp, name, data)[:3])
            except ftplib.error_temp as error:
                replies.append(str(error)[:3])
            except ftplib.error_perm as error:
                replies.append(str(error)[:3])
            time.sleep(0.3)  # each file is counted once the intake took it
        ftp.quit()
        return replies

    async for camera in _camera(settings, engine):
        assert await asyncio.to_thread(fill, camera) == ["226", "226", "426", "226", "552"]
        assert await _sources(camera, 2) == ["0.jpg", "1.jpg"]
        assert await _skips(camera) == [("notes.jpg", "not_an_image")]


async def test_ftps_with_a_configured_certificate(tmp_path: Path, engine: FaceEngine) -> None:
    settings = _ftp_settings(tmp_path, ftp_tls_cert=_self_signed(tmp_path))
    async for camera in _camera(settings, engine):

        def secure(camera: Camera) -> None:
            ftp = ftplib.FTP_TLS()
            ftp.connect("127.0.0.1", camera.port, timeout=20)
            ftp.login(camera.user, camera.password)
            ftp.prot_p()
            _store(ftp, "secure.jpg", PHOTOS[0])
            ftp.quit()

        await asyncio.to_thread(secure, camera)
        assert await _sources(camera, 1) == ["secure.jpg"]
        with pytest.raises(ftplib.error_perm, match="550"):
            await asyncio.to_thread(_login, camera)  # plain FTP is refused
