"""The progress message under Telegram's pressure: a 429 is waited out, a message
the photographer deleted is replaced, and the summary still arrives."""

from __future__ import annotations

from tests.e2e.conftest import RunningBot
from tests.e2e.fake_bot_api import ApiError, FakeBotAPI
from tests.e2e.flows import create_event
from tests.e2e.photos import event_photos, zip_of
from tests.e2e.telegram_user import FakeUser


async def test_flood_wait_and_a_deleted_progress_message(
    running_bot: RunningBot, fake_api: FakeBotAPI, admin: FakeUser
) -> None:
    await create_event(admin, "Relay")
    archive = zip_of([(f"{i}.jpg", data) for i, data in enumerate(event_photos(60, seed=13))])
    fake_api.fail_next("editMessageText", ApiError(429, "Too Many Requests: retry after 4", 4))
    await admin.send_document(archive, "relay.zip", "application/zip")
    first = await admin.expect_message(lambda m: m.history[0].startswith("⏳"))

    refused = await fake_api.wait_for(
        lambda: fake_api.calls_to("editMessageText")[:1], 60, "the first edit"
    )
    first.deleted = True  # meanwhile the photographer deleted the progress message
    await fake_api.wait_for(lambda: len(fake_api.calls_to("editMessageText")) >= 2, 60, "retry")
    retry = fake_api.calls_to("editMessageText")[1]
    assert retry.at - refused[0].at >= 3.9, "the bot must wait out retry_after"

    second = await admin.expect_message(lambda m: m.message_id > first.message_id, timeout=60)
    await fake_api.wait_for(lambda: "upload finished" in second.text, 120, "the summary")
    assert "Photos indexed: 60 ·" in second.text
    assert "upload finished" not in first.text
