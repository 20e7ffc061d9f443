"""The Mini App in a real headless Chromium, signed in with Telegram's `initData`.

Telegram's SDK is never fetched: the test blocks telegram.org and puts
`window.Telegram.WebApp.initData` in place itself, as the SDK would inside
Telegram. Needs Debian's `chromium` (`.ci/run` installs it).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import AsyncIterator
from urllib.parse import quote

import pytest

from tests.bot.web.conftest import MiniAppEvent, signed_init_data
from tests.bot.web.test_gallery_browser import CHROMIUM, LAUNCH_ARGS

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (apt-get install chromium)",
    ),
]

FOREIGN_TOKEN = "999999:AAE-someone-elses-bot"


@pytest.fixture
async def browser() -> AsyncIterator[object]:
    playwright_api = pytest.importorskip("playwright.async_api")
    async with playwright_api.async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield launched
        finally:
            await launched.close()


async def _open(browser: object, url: str, init_data: str) -> object:
    """The page as Telegram opens it: the SDK's `initData` present, telegram.org unreachable."""
    context = await browser.new_context(accept_downloads=True)  # type: ignore[attr-defined]
    await context.route("https://telegram.org/**", lambda route: route.abort())
    sdk = json.dumps({"initData": init_data})
    await context.add_init_script(
        f"window.Telegram = {{WebApp: Object.assign({sdk}, {{ready() {{}}, expand() {{}}}})}};"
    )
    page = await context.new_page()
    await page.goto(url)
    return page


async def _loaded(page: object, selector: str) -> int:
    """How many images under `selector` finished loading (waits for all of them)."""
    await page.wait_for_function(  # type: ignore[attr-defined]
        "s => [...document.querySelectorAll(s + ' img')].every(i => i.complete && i.naturalWidth)",
        arg=selector,
    )
    return int(
        await page.eval_on_selector_all(selector + " img", "images => images.length")  # type: ignore[attr-defined]
    )


async def test_the_guest_sees_their_album_and_takes_two_photos_as_a_zip(
    browser: object, mini_app_event: MiniAppEvent
) -> None:
    page = await _open(browser, mini_app_event.url, mini_app_event.init_data())

    await page.wait_for_selector("#sure figure")  # type: ignore[attr-defined]
    assert await _loaded(page, "#sure") == len(mini_app_event.sure) == 2
    assert await _loaded(page, "#possible") == 1
    assert await page.locator("#event").inner_text() == "Basketball gala"  # type: ignore[attr-defined]
    doubtful = page.locator("#maybe figure").first  # type: ignore[attr-defined]
    assert await doubtful.locator(".badge").inner_text() == "Possible match"
    assert await page.locator("#sure .not-me").count() == 0  # type: ignore[attr-defined]

    await page.locator("#sure figure img").first.click()  # type: ignore[attr-defined]
    await page.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.getElementById('viewer').hidden"
        " && document.getElementById('full').naturalWidth > 0"
    )
    await page.locator("#close").click()  # type: ignore[attr-defined]
    assert await page.locator("#viewer").is_hidden()  # type: ignore[attr-defined]

    await page.locator("#sure figure .pick").first.check()  # type: ignore[attr-defined]
    await doubtful.locator(".pick").check()
    async with page.expect_download() as download:  # type: ignore[attr-defined]
        await page.locator("#download").click()  # type: ignore[attr-defined]
    archive = await (await download.value).path()
    with zipfile.ZipFile(archive) as zipped:
        assert sorted(zipped.namelist()) == ["gala-001.jpg", "gala-003.jpg"]
        assert all(zipped.read(name)[:2] == b"\xff\xd8" for name in zipped.namelist())


async def test_not_me_removes_a_possible_match_for_good(
    browser: object, mini_app_event: MiniAppEvent
) -> None:
    page = await _open(browser, mini_app_event.url, mini_app_event.init_data())
    await page.wait_for_selector("#maybe figure")  # type: ignore[attr-defined]

    await page.locator("#maybe .not-me").click()  # type: ignore[attr-defined]

    await page.wait_for_selector("#possible", state="hidden")  # type: ignore[attr-defined]
    assert await page.locator("#maybe figure").count() == 0  # type: ignore[attr-defined]
    album = mini_app_event.services.guests.album(2002)
    assert album is not None and not album.maybe and len(album.sure) == 2
    await page.reload()  # type: ignore[attr-defined]
    await page.wait_for_selector("#sure figure")  # type: ignore[attr-defined]
    assert await page.locator("#maybe figure").count() == 0  # type: ignore[attr-defined]


async def test_thats_me_moves_a_possible_match_into_the_album_for_good(
    browser: object, mini_app_event: MiniAppEvent
) -> None:
    page = await _open(browser, mini_app_event.url, mini_app_event.init_data())
    await page.wait_for_selector("#maybe figure")  # type: ignore[attr-defined]

    await page.locator("#maybe .me").click()  # type: ignore[attr-defined]

    await page.wait_for_selector("#possible", state="hidden")  # type: ignore[attr-defined]
    album = mini_app_event.services.guests.album(2002)
    assert album is not None and not album.maybe and len(album.sure) == 3
    await page.reload()  # type: ignore[attr-defined]
    await page.wait_for_selector("#sure figure")  # type: ignore[attr-defined]
    assert await _loaded(page, "#sure") == 3
    assert await page.locator("#maybe figure").count() == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", ["forged", "expired", "foreign", "missing"])
async def test_unproven_visitors_are_refused_and_see_no_photo(
    browser: object, mini_app_event: MiniAppEvent, kind: str
) -> None:
    now = mini_app_event.clock[0]
    init_data = {
        "forged": mini_app_event.init_data().replace("2002", "2003"),
        "expired": mini_app_event.init_data(age=2 * 3600),
        "foreign": signed_init_data(2002, now - 5, FOREIGN_TOKEN),
        "missing": "",
    }[kind]

    page = await _open(browser, mini_app_event.url, init_data)

    await page.wait_for_selector("#refused", state="visible")  # type: ignore[attr-defined]
    assert await page.locator("img:not(#full)").count() == 0  # type: ignore[attr-defined]
    assert await page.locator("#full").get_attribute("src") is None  # type: ignore[attr-defined]


async def test_without_the_sdk_the_page_reads_telegrams_url_fragment(
    browser: object, mini_app_event: MiniAppEvent
) -> None:
    context = await browser.new_context()  # type: ignore[attr-defined]
    await context.route("https://telegram.org/**", lambda route: route.abort())
    page = await context.new_page()
    fragment = f"#tgWebAppData={_quote(mini_app_event.init_data())}&tgWebAppVersion=8.0"

    await page.goto(mini_app_event.url + fragment)

    await page.wait_for_selector("#sure figure")
    assert await _loaded(page, "#sure") == 2


def _quote(value: str) -> str:
    return quote(value, safe="")
