"""A guest's whole album arrives unasked, paced for Telegram; possible matches only on
request, marked, with ✓ and ✖; ✓ moves a photo into the album, the link and the next
search; the share link never lists an unconfirmed photo."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from eventlens.settings import Settings
from tests.e2e.bot_api_wire import Call
from tests.e2e.conftest import RunningBot, settings_for
from tests.e2e.fake_bot_api import ApiError, ChatMessage, FakeBotAPI
from tests.e2e.flows import create_event
from tests.e2e.guest_flows import http_get, wait_indexed
from tests.e2e.photos import guest_photos, zip_of
from tests.e2e.telegram_user import FakeUser

GUEST = 6006
SURE, MAYBE = 35, 3
PACE = 20.0  # messages per second into one chat (Telegram's is about 1): a quick test
SENDS = {"sendMessage", "sendPhoto", "sendMediaGroup", "editMessageText", "editMessageCaption"}


@pytest.fixture
def bot_settings(tmp_path: Path, fake_api: FakeBotAPI) -> Settings:
    settings = settings_for(tmp_path / "home", fake_api)
    return settings.model_copy(update={"guest_messages_per_second": PACE})


def _to_guest(api: FakeBotAPI, since: int) -> list[Call]:
    return [
        call
        for call in api.calls[since:]
        if call.method in SENDS and int(call.params.get("chat_id") or 0) == GUEST
    ]


def _items(call: Call) -> int:
    return len(call.params["media"]) if call.method == "sendMediaGroup" else 1


def _possible(message: ChatMessage) -> bool:
    return message.photo_file_id is not None and "Possible match" in message.text


async def _closing(guest: FakeUser) -> ChatMessage:
    return await guest.expect_message(lambda m: "Share them:" in m.text, timeout=120)


async def _link_photos(running: RunningBot) -> set[str]:
    (link,) = await running.services.share_links.active(GUEST, time.time())
    return set(await running.services.share_links.photo_ids(link.record.id))


async def test_the_whole_album_unasked_then_possible_matches_on_request_and_that_is_me(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
) -> None:
    card = await create_event(admin, "Reunion")
    clear, small, selfie = guest_photos(SURE, MAYBE, seed=21)
    files = [(f"clear-{n:02d}.jpg", d) for n, d in enumerate(clear)]
    files += [(f"small-{n}.jpg", d) for n, d in enumerate(small)]
    await admin.send_document(zip_of(files), "reunion.zip", "application/zip")
    event = await running_bot.services.events.by_slug("reunion")
    assert event is not None
    await wait_indexed(running_bot, fake_api, event.id, SURE + MAYBE)
    photos = await running_bot.services.photos.of_event(event.id)
    sure_ids = {p.id for p in photos if "clear-" in p.source}
    guest = user(GUEST)
    await guest.send(f"/start ev_{card.guest_token}")
    await guest.press(await guest.expect_message(lambda m: bool(m.buttons)), "Accept")
    await guest.expect_message(containing="Now send me a selfie")
    fake_api.fail_next("sendMediaGroup", ApiError(429, "Too Many Requests: retry after 1", 1))
    since = len(fake_api.calls)

    await guest.send_photo(selfie)
    closing = await _closing(guest)

    # All 35 sure photos, unasked, in albums of at most 10, numbered in order.
    previews = [m for m in guest.messages() if m.data.get("media_group_id")]
    assert [m.text for m in previews] == [str(n) for n in range(1, SURE + 1)]
    calls = _to_guest(fake_api, since)
    groups = [len(c.params["media"]) for c in calls if c.method == "sendMediaGroup"]
    assert groups == [10, 10, 10, 10, 5], "the refused album was sent again"
    # Paced: each message waits out the items before it (a 429 its retry_after).
    for before, after in itertools.pairwise(calls):
        assert after.at - before.at >= _items(before) / PACE - 0.02, (before.method, after.method)
    refused = next(n for n, c in enumerate(calls) if c.method == "sendMediaGroup")
    assert calls[refused + 1].at - calls[refused].at >= 0.98
    (progress,) = [m for m in guest.messages() if m.history[0].startswith("Sending your photos")]
    assert progress.history[-1] == f"Sending your photos: {SURE} of {SURE}."
    assert len(progress.history) == 1 + 4
    assert f"I found {SURE} photos of you in «Reunion»." in closing.text
    assert f"Possible matches: {MAYBE}." in closing.text
    labels = [b["text"] for m in guest.messages() for b in m.buttons]
    assert not any(label.startswith("Show more") for label in labels)
    assert not any(_possible(m) for m in guest.messages()), "possible matches wait to be asked"
    assert await _link_photos(running_bot) == sure_ids

    # Possible matches on request: marked, one photo each, with ✓ and ✖.
    await guest.press(closing, f"Show possible matches ({MAYBE})")
    offered = [await guest.expect_message(_possible, timeout=30) for _ in range(MAYBE)]
    assert offered[0].text == f"❓ Possible match 1 of {MAYBE}: is this you?"
    assert [b["text"] for b in offered[0].buttons] == ["✓ That's me", "✖ Not me"]
    await fake_api.wait_for(
        lambda: not any("possible" in b["text"] for b in closing.buttons), 10, "the button to go"
    )

    answer = await guest.expect_answer(await guest.press(offered[0], "That's me"))
    assert answer["text"] == "Added to your album and your share link."
    await fake_api.wait_for(lambda: offered[0].text.startswith("✓"), 10, "the caption edit")
    assert offered[0].text == f"✓ You: photo {SURE + 1} of your album, and in your share link."
    assert not offered[0].buttons
    linked = await _link_photos(running_bot)
    (confirmed,) = linked - sure_ids
    assert "small-" in next(p.source for p in photos if p.id == confirmed)
    host, port = running_bot.app.gallery_address or ("", 0)
    url = closing.text.split("Share them: ", 1)[1].split()[0]
    status, html = await http_get(
        url.replace(running_bot.settings.public_url, f"http://{host}:{port}")
    )
    assert status == 200 and html.decode().count("<img") == SURE + 1

    # The next search keeps it and asks with it: the confirmed small shot finds the other
    # small shots of the guest (a selfie alone could not), so all are sure and linked.
    await guest.send_photo(selfie)
    again = await _closing(guest)
    assert f"I found {SURE + MAYBE} photos of you" in again.text
    assert "Possible matches" not in again.text
    assert not closing.buttons, "the previous album's buttons went with the new search"
    album = running_bot.services.guests.album(GUEST)
    assert album is not None and confirmed in album.sure_ids
    assert await _link_photos(running_bot) == {photo.id for photo in photos}
