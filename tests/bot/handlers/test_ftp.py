"""/ftp shows the selected event's camera login to its photographers and rotates it."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from eventlens.core.faces.engine import FaceEngine
from eventlens.services import Services
from tests.bot.handlers.steps import event_card, joined
from tests.bot.harness import (
    ADMIN,
    STRANGER,
    BotHarness,
    callback_data,
    harness_settings,
    last_with_buttons,
)


@pytest.fixture
async def ftp_harness(tmp_path: Path, engine: FaceEngine) -> AsyncIterator[BotHarness]:
    settings = harness_settings(tmp_path / "home").model_copy(
        update={"ftp_port": 2121, "ftp_public_host": "photos.example.org"}
    )
    services = await Services.open(settings, engine=engine)
    try:
        yield await BotHarness.open(settings, services)
    finally:
        await services.close()


def _field(name: str, text: str) -> str:
    found = re.search(rf"{name}: (\S+)", text)
    assert found, text
    return found[1]


async def test_ftp_shows_host_port_user_password_and_passive_range(
    ftp_harness: BotHarness,
) -> None:
    await event_card(ftp_harness)

    shown = await ftp_harness.send(ADMIN, "/ftp")

    assert "Host: photos.example.org\nPort: 2121\nUser: wedding-" in shown.text
    assert "Passive ports: 60000-60099" in shown.text and "passive mode on" in shown.text
    again = await ftp_harness.send(ADMIN, "/ftp")
    assert _field("Password", again.text) == _field("Password", shown.text), (
        "the same login until rotated"
    )


async def test_the_button_sets_a_new_password_the_old_one_stops_working(
    ftp_harness: BotHarness,
) -> None:
    await event_card(ftp_harness)
    shown = await ftp_harness.send(ADMIN, "/ftp")
    old, user = _field("Password", shown.text), _field("User", shown.text)

    rotated = await ftp_harness.press(
        ADMIN, callback_data(shown, "New password"), last_with_buttons(shown)
    )

    assert "New password set" in rotated.text
    new = _field("Password", rotated.texts[-1])
    assert new != old
    camera = ftp_harness.app.services.camera
    assert await camera.authenticate(user, old) is None
    assert await camera.authenticate(user, new) is not None


async def test_co_photographers_see_it_too(ftp_harness: BotHarness) -> None:
    card = await event_card(ftp_harness)
    await joined(ftp_harness, STRANGER, card)
    assert "User: wedding-" in (await ftp_harness.send(STRANGER, "/ftp")).text


async def test_ftp_says_when_the_server_is_off(harness: BotHarness) -> None:
    await event_card(harness)
    off = await harness.send(ADMIN, "/ftp")
    assert off.texts == [
        "The FTP server for cameras is off: the bot's operator turns it on with EVENTLENS_FTP_PORT."
    ]
