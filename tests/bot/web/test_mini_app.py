"""The Mini App's HTTP side: a guest is whoever signed `initData` names, never the URL."""

from __future__ import annotations

import json

import aiohttp
import pytest

from tests.bot.web.conftest import MINI_GUEST, MiniAppEvent

pytestmark = pytest.mark.asyncio(loop_scope="session")
STRANGER = 2003


async def _call(
    url: str, init_data: str | None = None, body: object = None
) -> tuple[int, dict[str, str], bytes]:
    headers = {"Authorization": f"tma {init_data}"} if init_data is not None else {}
    async with aiohttp.ClientSession() as session:
        if body is not None:
            method = session.post(url, json=body, headers=headers)
        else:
            method = session.get(url, headers=headers)
        async with method as response:
            return response.status, dict(response.headers), await response.read()


async def test_the_page_holds_no_photos_and_only_our_scripts(mini_app_event: MiniAppEvent) -> None:
    status, headers, body = await _call(f"{mini_app_event.url}?user={MINI_GUEST}")

    assert status == 200
    assert mini_app_event.sure[0] not in body.decode()
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self' https://telegram.org;" in policy
    assert "frame-ancestors https://web.telegram.org" in policy
    assert headers["Referrer-Policy"] == "no-referrer"


async def test_the_album_answers_only_to_signed_init_data(mini_app_event: MiniAppEvent) -> None:
    api = f"{mini_app_event.base_url}/app/api/album"

    status, _, body = await _call(f"{api}?user={MINI_GUEST}&id={MINI_GUEST}")
    assert status == 401 and json.loads(body) == {"error": "mini_app_forged"}
    status, _, body = await _call(api, mini_app_event.init_data(age=7200))
    assert status == 401 and json.loads(body) == {"error": "mini_app_expired"}

    status, headers, body = await _call(api, mini_app_event.init_data())
    assert status == 200 and headers["Cache-Control"] == "private, no-store"
    album = json.loads(body)
    assert album["event"] == "Basketball gala"
    assert album["sure"] == list(mini_app_event.sure)
    assert album["maybe"] == list(mini_app_event.maybe)


async def test_another_guest_sees_nothing_of_the_album(mini_app_event: MiniAppEvent) -> None:
    stranger = mini_app_event.init_data(guest_id=STRANGER)
    base = f"{mini_app_event.base_url}/app/api"
    face = mini_app_event.sure[0]

    status, _, body = await _call(f"{base}/album", stranger)
    assert status == 200 and json.loads(body) == {"event": None, "sure": [], "maybe": []}
    status, _, _ = await _call(f"{base}/photos/{face}/grid.jpg", stranger)
    assert status == 404
    status, _, _ = await _call(f"{base}/zip", stranger, {"faces": [face]})
    assert status == 404
    status, _, _ = await _call(f"{base}/photos/{face}", stranger, {"verdict": "not_me"})
    assert status == 404
    album = mini_app_event.services.guests.album(MINI_GUEST)
    assert album is not None and len(album.sure) == 2  # untouched


async def test_previews_carry_no_metadata_and_verdicts_are_checked(
    mini_app_event: MiniAppEvent,
) -> None:
    signed = mini_app_event.init_data()
    base = f"{mini_app_event.base_url}/app/api"
    face = mini_app_event.sure[0]

    status, headers, body = await _call(f"{base}/photos/{face}/grid.jpg", signed)
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert b"Exif" not in body[:200] and b"GPS" not in body
    status, _, _ = await _call(f"{base}/photos/{face}", signed, {"verdict": "delete_everything"})
    assert status == 400
    status, _, _ = await _call(f"{base}/photos/{face}x/full.jpg", signed)
    assert status == 404
