"""/people: once uploads are indexed, the photographer gets a contact sheet."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import cv2
import numpy as np

from tests.e2e.conftest import RunningBot
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.flows import create_event, upload_summary
from tests.e2e.photos import event_photos
from tests.e2e.telegram_user import FakeUser


async def _wait_for_people(running_bot: RunningBot, slug: str) -> None:
    event = await running_bot.services.events.by_slug(slug)
    assert event is not None
    for _ in range(200):
        if await running_bot.services.people.of_event(event.id):
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the event's people were never clustered")


async def test_people_sends_a_contact_sheet_after_uploads(
    running_bot: RunningBot, fake_api: FakeBotAPI, admin: FakeUser
) -> None:
    await create_event(admin, "Gala")
    await admin.send("/people")
    empty = await admin.expect_message()
    assert empty.text.startswith("No one appears in more than one photo of «Gala» yet.")

    await admin.send_album(event_photos(6, seed=3))
    await upload_summary(admin)
    await _wait_for_people(running_bot, "gala")

    await admin.send("/people")
    sheet = await admin.expect_message(lambda m: m.photo_file_id is not None)
    assert "appear in several photos" in sheet.text
    data = fake_api.files[sheet.photo_file_id or ""].data
    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    assert image is not None and image.shape[0] >= 160


async def test_a_stranger_gets_no_contact_sheet(
    running_bot: RunningBot, admin: FakeUser, user: Callable[..., FakeUser]
) -> None:
    await create_event(admin, "Private")
    stranger = user(4242)
    await stranger.send("/people")
    reply = await stranger.expect_message()
    assert reply.photo_file_id is None
    assert "appear in several photos" not in reply.text
