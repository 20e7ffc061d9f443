"""A photographer creates an event in the chat and gets its QR code and links."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.e2e.conftest import ADMIN_ID, RunningBot
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.flows import decode_qr, read_card
from tests.e2e.telegram_user import FakeUser


async def test_newevent_round_trip_gives_a_scannable_guest_link(
    running_bot: RunningBot, fake_api: FakeBotAPI, admin: FakeUser
) -> None:
    await admin.send("/newevent")
    await admin.expect_message(containing="What is the event called?")
    await admin.send("Summer Party")
    await admin.expect_message(containing="When is «Summer Party»?")
    await admin.send("2026-06-14")
    card = await read_card(admin)

    event = await running_bot.services.events.by_slug("summer-party-2026-06-14")
    assert event is not None
    assert event.name == "Summer Party" and event.event_date == "2026-06-14"
    assert event.owner_id == admin.id
    link = f"https://t.me/{fake_api.bot_user['username']}?start=ev_{event.guest_token}"
    assert decode_qr(fake_api, card.card) == link
    assert link in card.card.text and event.slug in card.card.text
    assert card.guest_token == event.guest_token and len(event.guest_token) >= 22
    assert card.invite_token == event.invite_token != event.guest_token

    await admin.send("/qr")
    again = await read_card(admin)
    assert decode_qr(fake_api, again.card) == link


async def test_only_admins_create_events(
    running_bot: RunningBot, user: Callable[..., FakeUser]
) -> None:
    stranger = user(3003)
    await stranger.send("/newevent Secret party")
    refusal = await stranger.expect_message()
    assert "Only EventLens admins can create events" in refusal.text
    assert await running_bot.services.events.summaries() == []


async def test_command_menus_are_registered_in_every_language(
    running_bot: RunningBot, fake_api: FakeBotAPI, admin: FakeUser
) -> None:
    await fake_api.wait_for(lambda: len(fake_api.commands) >= 8, what="setMyCommands calls")
    default = json.dumps({"type": "default"}, sort_keys=True)
    chat = json.dumps({"type": "chat", "chat_id": admin.id}, sort_keys=True)
    for language in ("", "ru", "es", "hi"):
        assert {c["command"] for c in fake_api.commands[(default, language)]} >= {"start", "help"}
        photographer = {c["command"] for c in fake_api.commands[(chat, language)]}
        assert {"newevent", "use", "qr", "events", "delete_event"} <= photographer
    assert fake_api.commands[(chat, "ru")] != fake_api.commands[(chat, "")]


async def test_replies_and_buttons_follow_the_users_language(
    running_bot: RunningBot, fake_api: FakeBotAPI
) -> None:
    russian = FakeUser(fake_api, ADMIN_ID, "Анна", "ru")
    await russian.send("/newevent Свадьба")
    question = await russian.expect_message()
    assert question.text == (
        "Когда проходит «Свадьба»? Отправьте дату в виде 2026-06-14 или нажмите «Без даты»."
    )
    await russian.press(question, "Без даты")
    card = await read_card(russian)
    assert card.card.text.startswith("«Свадьба»\nГости сканируют этот QR-код")  # noqa: RUF001
    assert "Идентификатор (для командной строки): svadba" in card.card.text
    assert decode_qr(fake_api, card.card).endswith(f"?start=ev_{card.guest_token}")
