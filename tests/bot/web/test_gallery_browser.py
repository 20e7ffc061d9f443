"""The gallery in a real headless Chromium: Debian's `chromium`, driven by Playwright.

Playwright's own browser download is never used (`executable_path`), so the test
needs the system package: `apt-get install chromium` (`.ci/run` installs it).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image

from eventlens.core.media.exif import GPS_IFD
from tests.bot.web.conftest import NOW, SharedAlbum

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.asyncio(loop_scope="session"),
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (apt-get install chromium)",
    ),
]


@pytest.fixture
async def browser() -> AsyncIterator[object]:
    playwright_api = pytest.importorskip("playwright.async_api")
    async with playwright_api.async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield launched
        finally:
            await launched.close()


async def _tile_columns(page: object) -> int:
    lefts = await page.eval_on_selector_all(  # type: ignore[attr-defined]
        "main figure", "tiles => tiles.map(t => Math.round(t.getBoundingClientRect().left))"
    )
    return len(set(lefts))


async def test_the_album_page_shows_its_photos_and_downloads_them(
    browser: object, shared_album: SharedAlbum, tmp_path: Path
) -> None:
    context = await browser.new_context(  # type: ignore[attr-defined]
        accept_downloads=True, viewport={"width": 1200, "height": 900}
    )
    page = await context.new_page()

    response = await page.goto(shared_album.url)

    assert response.status == 200
    assert await page.title() == "Photos from Summer party"
    images = page.locator("main img")
    assert await images.count() == 3
    for index in range(3):
        await images.nth(index).scroll_into_view_if_needed()
        loaded = await images.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")
        assert loaded, f"photo {index + 1} did not load"
    assert await _tile_columns(page) == 3  # one row on a wide screen

    async with page.expect_download() as one:
        await page.locator("figcaption a").first.click()
    single = await (await one.value).path()
    assert (await one.value).suggested_filename == "summer-party-001.jpg"
    photo = Image.open(io.BytesIO(Path(single).read_bytes()))
    assert photo.format == "JPEG" and GPS_IFD not in photo.getexif()

    async with page.expect_download() as everything:
        await page.locator("a.all").click()
    archive = await (await everything.value).path()
    with zipfile.ZipFile(archive) as zipped:
        assert len(zipped.namelist()) == 3

    await page.set_viewport_size({"width": 390, "height": 844})
    assert await _tile_columns(page) == 2  # a phone gets two columns
    await context.close()


async def test_dead_and_forged_links_show_an_error_page(
    browser: object, shared_album: SharedAlbum
) -> None:
    page = await browser.new_page()  # type: ignore[attr-defined]
    token = shared_album.token
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    missing = await page.goto(f"{shared_album.base_url}/a/{forged}")
    assert missing.status == 404
    assert await page.locator("h1").inner_text() == "Nothing here"

    shared_album.clock[0] = NOW + 40 * 86400
    expired = await page.goto(shared_album.url)
    assert expired.status == 410
    assert "expired" in await page.locator("p").inner_text()

    shared_album.clock[0] = NOW + 1
    await shared_album.services.share_links.revoke(9, shared_album.link_id, NOW + 1)
    revoked = await page.goto(shared_album.url)
    assert revoked.status == 410
    assert await page.locator("main img").count() == 0
