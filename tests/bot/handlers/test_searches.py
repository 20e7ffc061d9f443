"""Any joined guest can search for anyone: a daily cap across events, and the owner's log."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.types import User

from eventlens.core.faces.engine import FaceEngine
from eventlens.services import Services
from tests.bot.handlers.steps import event_card, guest_link, joined, noise_jpeg
from tests.bot.harness import (
    ADMIN,
    STRANGER,
    BotHarness,
    callback_data,
    harness_settings,
    last_with_buttons,
    person,
)

GUEST, OTHER = person(7007, "Gia"), person(7008, "Oli")


@pytest.fixture
async def capped(tmp_path: Path, engine: FaceEngine) -> AsyncIterator[BotHarness]:
    """The bot with a daily cap of 2 searches per guest."""
    settings = harness_settings(tmp_path / "home").model_copy(update={"searches_per_day": 2})
    services = await Services.open(settings, engine=engine)
    try:
        yield await BotHarness.open(settings, services)
    finally:
        await services.close()


async def _guest(harness: BotHarness, payload: str, guest: User = GUEST) -> None:
    """`guest` opens the event's link and accepts the notice (if not accepted before)."""
    opened = await harness.send(guest, f"/start {payload}")
    if opened.buttons():
        await harness.press(guest, callback_data(opened, "Accept"), last_with_buttons(opened))


async def test_the_daily_cap_holds_across_events_and_after_forget(capped: BotHarness) -> None:
    first = guest_link(await event_card(capped, "Wedding"))
    second = guest_link(await event_card(capped, "Gala"))
    await _guest(capped, first)
    assert "could not find a face" in (await capped.send_photo(GUEST, noise_jpeg(1))).text
    await _guest(capped, second)
    assert "could not find a face" in (await capped.send_photo(GUEST, noise_jpeg(2))).text

    await _guest(capped, first)
    refused = await capped.send_photo(GUEST, noise_jpeg(3))
    assert "You have searched a lot today. Try again in" in refused.text

    await capped.send(GUEST, "/forget")
    await _guest(capped, first)
    assert "You have searched a lot today" in (await capped.send_photo(GUEST, noise_jpeg(4))).text


async def test_the_owner_sees_searches_per_day_and_guest_code_never_ids(
    harness: BotHarness,
) -> None:
    card = await event_card(harness, "Wedding")
    await joined(harness, STRANGER, card)
    assert "Nobody searched «Wedding»" in (await harness.send(ADMIN, "/searches")).text
    await _guest(harness, guest_link(card))
    await _guest(harness, guest_link(card), OTHER)
    for seed in range(3):
        await harness.send_photo(GUEST, noise_jpeg(seed))
    await harness.send_photo(OTHER, noise_jpeg(9))

    log = (await harness.send(ADMIN, "/searches")).text

    assert "Selfie searches in «Wedding»" in log
    assert "4 searches by 2 guests" in log
    assert ": 3" in log and ": 1" in log
    assert str(GUEST.id) not in log and str(OTHER.id) not in log and "Gia" not in log
    assert (await harness.send(STRANGER, "/searches")).texts == [
        "Only the event's owner can do that."
    ]
