"""With EVENTLENS_WEBHOOK_URL set, the bot registers a webhook and takes updates
from Telegram's POSTs (secret-checked) instead of long polling."""

from __future__ import annotations

import asyncio
import socket

import aiohttp
from pydantic import SecretStr

from eventlens.core.faces.engine import FaceEngine
from eventlens.settings import Settings
from tests.e2e.conftest import RunningBot, bot_running
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.flows import create_event, decode_qr
from tests.e2e.telegram_user import FakeUser


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_mode_creates_an_event_and_refuses_forged_updates(
    bot_settings: Settings, engine: FaceEngine, fake_api: FakeBotAPI, admin: FakeUser
) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    settings = bot_settings.model_copy(
        update={
            "webhook_url": url,
            "webhook_host": "127.0.0.1",
            "webhook_port": port,
            "webhook_secret": SecretStr("s3cret-token"),
        }
    )
    async with bot_running(settings, engine) as running:
        await fake_api.wait_for(lambda: fake_api.webhook, what="setWebhook")
        assert fake_api.webhook == {"url": url, "secret_token": "s3cret-token"}
        card = await create_event(admin, "Hooked")
        assert decode_qr(fake_api, card.card).endswith(f"start=ev_{card.guest_token}")
        assert fake_api.calls_to("getUpdates") == []

        await forged_updates_are_refused(url, fake_api, admin, running)
        after = await create_event(admin, "After forgeries")  # the real channel still works
        assert after.guest_token != card.guest_token


async def forged_updates_are_refused(
    url: str, api: FakeBotAPI, admin: FakeUser, running: RunningBot
) -> None:
    """A POST without the secret header, or with a wrong one, is refused with 401 and
    changes nothing, even when it claims to come from an admin."""
    events = len(await running.services.events.summaries())
    messages, calls = len(admin.messages()), len(api.calls)
    forged = {
        "update_id": 999,
        "message": {
            "message_id": 999,
            "date": 0,
            "chat": admin.chat,
            "from": admin.user,
            "text": "/newevent Forged",
            "entities": [{"type": "bot_command", "offset": 0, "length": 9}],
        },
    }
    async with aiohttp.ClientSession() as client:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "guessed"}):
            async with client.post(url, json=forged, headers=headers) as reply:
                assert reply.status == 401
    await asyncio.sleep(0.5)  # anything a forged update set off would show by now
    assert len(await running.services.events.summaries()) == events
    assert len(admin.messages()) == messages
    assert [call.method for call in api.calls[calls:]] == []
