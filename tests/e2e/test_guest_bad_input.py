"""Bad input from guests gets a clear reply in their language and breaks nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from eventlens.settings import Settings
from tests.e2e.conftest import RunningBot
from tests.e2e.fake_bot_api import ChatMessage, FakeBotAPI
from tests.e2e.guest_flows import album_photo_ids, gala, joined_guest
from tests.e2e.telegram_user import FakeUser

MB = 1024 * 1024
GUEST = 7007
LIMIT = 3
REFUSALS = ("Still searching", "You have searched a lot", "You have sent many photos")


@pytest.fixture
def bot_settings(bot_settings: Settings) -> Settings:
    """A low hourly cap, so a burst meets it."""
    return bot_settings.model_copy(update={"searches_per_hour": LIMIT})


async def test_stickers_videos_documents_and_huge_files_get_clear_replies(
    running_bot: RunningBot, fake_api: FakeBotAPI, user: Callable[..., FakeUser]
) -> None:
    guest = user(GUEST, language_code="es")
    sticker = {
        "file_id": "STK1",
        "file_unique_id": "S1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    await guest._message({"sticker": sticker})
    assert (
        await guest.expect_message()
    ).text == "Solo puedo buscar con fotos. Envía tu selfi como foto."
    video = {"file_id": "VID1", "file_unique_id": "V1", "width": 640, "height": 480, "duration": 3}
    await guest._message({"video": video})
    assert (await guest.expect_message()).text.startswith("Solo puedo buscar con fotos")
    await guest.send_document(b"%PDF-1.7 " + os.urandom(500), "menu.pdf", "application/pdf")
    assert (await guest.expect_message()).text.startswith("Solo puedo buscar con fotos")

    gets = len(fake_api.calls_to("getFile"))
    await guest.send_document(b"\xff\xd8" + bytes(64), "huge.jpg", "image/jpeg", 50 * MB)
    huge = await guest.expect_message()
    assert "50 MB" in huge.text
    assert len(fake_api.calls_to("getFile")) == gets, "nothing was downloaded"

    await guest.send_photo(os.urandom(3000))  # a "photo" that is no image at all
    assert (await guest.expect_message()).text.startswith("Primero únete a un evento")


async def test_a_selfie_in_an_event_not_joined_and_a_burst_of_thirty(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
    tmp_path: Path,
) -> None:
    event = await gala(running_bot, fake_api, admin, tmp_path / "demo")
    stranger = user(GUEST + 1)
    await stranger.send_photo(event.selfie)
    assert (await stranger.expect_message()).text.startswith("First join an event")

    guest = user(GUEST)
    await joined_guest(guest, event)
    before = len([m for m in guest.messages() if not m.photo_file_id])
    for _ in range(30):
        await guest.send_photo(event.selfie)

    def answers() -> list[ChatMessage] | None:
        found = [m for m in guest.messages() if not m.photo_file_id][before:]
        return found if len(found) >= 30 else None

    replies = await fake_api.wait_for(answers, 180, "an answer to each of the 30 selfies")
    albums = [m for m in replies if album_photo_ids(m)]
    refusals = [m for m in replies if m.text.startswith(REFUSALS)]
    assert albums and album_photo_ids(albums[0]) == event.with_guest
    assert len(albums) + len(refusals) == 30
    assert len(albums) <= LIMIT
    searches = await running_bot.services.db.fetch_one("SELECT COUNT(*) FROM searches")
    assert searches is not None and searches[0] <= LIMIT
