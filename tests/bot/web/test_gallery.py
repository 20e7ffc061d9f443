from __future__ import annotations

import io
import zipfile

import aiohttp
import pytest
from PIL import Image

from eventlens.core.guests.share_links import ShareSigner
from eventlens.core.media.exif import GPS_IFD
from eventlens.core.media.previews import GRID_LONG_SIDE
from tests.bot.web.conftest import NOW, SharedAlbum

# The gallery serves from the fixtures' (session) event loop, so the tests run there too.
pytestmark = pytest.mark.asyncio(loop_scope="session")
DAY = 86400.0


async def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    async with aiohttp.ClientSession() as session, session.get(url, headers=headers) as response:
        return response.status, dict(response.headers), await response.read()


def _no_gps(data: bytes) -> bool:
    exif = Image.open(io.BytesIO(data)).getexif()
    return GPS_IFD not in exif and b"GPS" not in data


async def test_the_page_shows_every_photo_of_the_album(shared_album: SharedAlbum) -> None:
    status, headers, body = await _get(shared_album.url)

    html = body.decode()
    assert status == 200
    assert "Summer party" in html and "3 photos" in html
    for number in (1, 2, 3):
        assert f'src="/a/{shared_album.token}/{number}.jpg"' in html
        assert f'href="/a/{shared_album.token}/{number}/download"' in html
    assert f'href="/a/{shared_album.token}/all.zip"' in html
    assert "<script" not in html
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "noindex" in headers["X-Robots-Tag"]
    assert headers["Cache-Control"] == "no-store"


async def test_previews_are_small_and_carry_no_metadata(shared_album: SharedAlbum) -> None:
    status, headers, body = await _get(f"{shared_album.url}/1.jpg")

    preview = Image.open(io.BytesIO(body))
    assert status == 200 and headers["Content-Type"] == "image/jpeg"
    assert max(preview.size) == GRID_LONG_SIDE
    assert not preview.getexif()


async def test_an_original_downloads_without_its_gps_position(shared_album: SharedAlbum) -> None:
    stored = shared_album.services.blobs.get(
        (await shared_album.services.photos.get(shared_album.photo_ids[0])).sha256  # type: ignore[union-attr]
    )
    assert Image.open(io.BytesIO(stored)).getexif().get_ifd(GPS_IFD)

    status, headers, body = await _get(f"{shared_album.url}/1/download")

    assert status == 200
    assert headers["Content-Disposition"] == 'attachment; filename="summer-party-001.jpg"'
    assert _no_gps(body)
    assert Image.open(io.BytesIO(body)).getexif()[0x010F] == "PhoneCam"
    assert Image.open(io.BytesIO(body)).size == Image.open(io.BytesIO(stored)).size


async def test_download_all_streams_a_zip_of_the_originals(shared_album: SharedAlbum) -> None:
    status, headers, body = await _get(f"{shared_album.url}/all.zip")

    assert status == 200 and headers["Content-Type"] == "application/zip"
    assert headers.get("Transfer-Encoding") == "chunked"  # streamed, not buffered
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == [f"summer-party-00{n}.jpg" for n in (1, 2, 3)]
        assert all(_no_gps(archive.read(name)) for name in names)


async def test_forged_unknown_and_out_of_range_get_404(shared_album: SharedAlbum) -> None:
    token = shared_album.token
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    stranger = ShareSigner(b"s" * 32)
    foreign = stranger.token_for(stranger.new_id())
    base = shared_album.base_url

    for url in (
        f"{base}/a/{forged}",
        f"{base}/a/{foreign}",
        f"{base}/a/{forged}/1.jpg",
        f"{base}/a/{forged}/all.zip",
        f"{shared_album.url}/4.jpg",
        f"{shared_album.url}/0/download",
        f"{base}/a/",
        f"{base}/",
    ):
        status, _, _ = await _get(url)
        assert status == 404, url


async def test_expired_and_revoked_links_get_410(shared_album: SharedAlbum) -> None:
    shared_album.clock[0] = NOW + 31 * DAY
    for suffix in ("", "/1.jpg", "/1/download", "/all.zip"):
        status, _, body = await _get(shared_album.url + suffix)
        assert status == 410, suffix
    assert b"expired" in body

    shared_album.clock[0] = NOW + DAY
    await shared_album.services.share_links.revoke(9, shared_album.link_id, NOW + DAY)
    status, _, body = await _get(shared_album.url)
    assert status == 410 and b"revoked" in body


async def test_a_photo_deleted_by_the_photographer_leaves_the_album(
    shared_album: SharedAlbum,
) -> None:
    await shared_album.services.indexer.remove_photo(shared_album.photo_ids[1])

    _, _, body = await _get(shared_album.url)

    assert "2 photos" in body.decode()
    assert (await _get(f"{shared_album.url}/3.jpg"))[0] == 404


async def test_a_client_over_its_budget_gets_429_and_others_do_not(
    shared_album: SharedAlbum,
) -> None:
    async with aiohttp.ClientSession() as session:
        statuses = []
        for _ in range(121):
            async with session.get(shared_album.url) as response:
                statuses.append(response.status)
                last = dict(response.headers)
    assert statuses[:120] == [200] * 120
    assert statuses[120] == 429
    assert int(last["Retry-After"]) >= 1
    assert last["X-Content-Type-Options"] == "nosniff"


async def test_unknown_pages_carry_the_security_headers(shared_album: SharedAlbum) -> None:
    status, headers, body = await _get(shared_album.base_url + "/admin")

    assert status == 404
    assert headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert headers["Referrer-Policy"] == "no-referrer"
    assert b"Nothing here" in body


async def test_page_views_are_counted_for_the_dashboard_and_photos_are_not(
    shared_album: SharedAlbum,
) -> None:
    services = shared_album.services
    (event,) = [summary.event for summary in await services.events.summaries()]
    for _ in range(2):
        assert (await _get(shared_album.url))[0] == 200
    assert (await _get(f"{shared_album.url}/1.jpg"))[0] == 200
    board = await services.dashboard.of_event(event)
    assert board.gallery_views == 2
    assert board.albums_delivered == 1 and board.median_photos_per_guest == 3
