"""The share-link gallery: `/a/<token>` and the photos behind it, on aiohttp.

Every request re-checks the token (signature, then expiry and revocation in
SQLite), so a revoked link stops working at once, previews and ZIP included.
Photos are addressed by their position in the album, never by id, and nothing
lists links. Originals go out without GPS; previews carry no metadata at all.
Forged or unknown tokens get 404, expired or revoked ones 410.
"""

from __future__ import annotations

import asyncio
import gettext
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass

from aiohttp import web
from aiohttp.typedefs import Handler

from eventlens.bot.web.language import negotiate
from eventlens.bot.web.pages import AlbumPage, album_html, gone_html, not_found_html
from eventlens.bot.web.zip_stream import stream_zip
from eventlens.core.errors import ImageError, ShareLinkGoneError, ShareLinkNotFoundError
from eventlens.core.guests.share_links import OpenedLink, ShareLinks
from eventlens.core.media.exif import ShareableImage, shareable
from eventlens.core.media.previews import GRID_LONG_SIDE, preview_jpeg
from eventlens.storage.blobs import BlobStore
from eventlens.storage.events import EventStore
from eventlens.storage.photos import Photo, PhotoStore

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
PREVIEW_CACHE_BYTES = 64 * 1024 * 1024
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",
}


@dataclass(frozen=True)
class _Album:
    slug: str
    event_name: str
    photos: list[Photo]


class _PreviewCache:
    """Grid previews by content hash, bounded by total size, oldest out first."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._used = 0
        self._items: OrderedDict[str, bytes] = OrderedDict()

    def get(self, key: str) -> bytes | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: str, value: bytes) -> None:
        if key in self._items:
            return
        self._items[key] = value
        self._used += len(value)
        while self._used > self._budget and self._items:
            _, dropped = self._items.popitem(last=False)
            self._used -= len(dropped)


class Gallery:
    def __init__(
        self,
        links: ShareLinks,
        events: EventStore,
        photos: PhotoStore,
        blobs: BlobStore,
        translations: Mapping[str, gettext.NullTranslations] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._links = links
        self._events = events
        self._photos = photos
        self._blobs = blobs
        self._translations = dict(translations or {DEFAULT_LANGUAGE: gettext.NullTranslations()})
        self._clock = clock
        self._previews = _PreviewCache(PREVIEW_CACHE_BYTES)

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._errors])
        app.router.add_get("/a/{token}", self.page)
        app.router.add_get("/a/{token}/all.zip", self.download_all)
        app.router.add_get(r"/a/{token}/{number:\d+}.jpg", self.preview)
        app.router.add_get(r"/a/{token}/{number:\d+}/download", self.original)
        return app

    async def page(self, request: web.Request) -> web.Response:
        album = await self._album(request)
        language, t = self._language(request)
        html = album_html(
            AlbumPage(request.match_info["token"], album.event_name, len(album.photos)),
            language,
            t,
        )
        return self._html(html, 200, {"Cache-Control": "no-store"})

    async def preview(self, request: web.Request) -> web.Response:
        photo = self._photo(await self._album(request), request)
        body = self._previews.get(photo.sha256)
        if body is None:
            body = await asyncio.to_thread(self._render_preview, photo.sha256)
            self._previews.put(photo.sha256, body)
        return web.Response(
            body=body,
            content_type="image/jpeg",
            headers={**_SECURITY_HEADERS, "Cache-Control": "private, max-age=300"},
        )

    async def original(self, request: web.Request) -> web.Response:
        album = await self._album(request)
        photo = self._photo(album, request)
        image = await asyncio.to_thread(self._shareable, photo.sha256)
        name = f"{album.slug}-{int(request.match_info['number']):03d}.{image.extension}"
        return web.Response(
            body=image.data,
            content_type=image.mime,
            headers={
                **_SECURITY_HEADERS,
                "Cache-Control": "private, no-store",
                "Content-Disposition": f'attachment; filename="{name}"',
            },
        )

    async def download_all(self, request: web.Request) -> web.StreamResponse:
        album = await self._album(request)
        response = web.StreamResponse(
            headers={
                **_SECURITY_HEADERS,
                "Content-Type": "application/zip",
                "Cache-Control": "private, no-store",
                "Content-Disposition": f'attachment; filename="{album.slug}.zip"',
            }
        )
        await response.prepare(request)
        await stream_zip(response, self._entries(album))
        return response

    async def _entries(self, album: _Album) -> AsyncIterator[tuple[str, bytes]]:
        for number, photo in enumerate(album.photos, start=1):
            try:
                image = await asyncio.to_thread(self._shareable, photo.sha256)
            except (OSError, ImageError):
                logger.warning("photo %s left out of a ZIP: unreadable", photo.id)
                continue
            yield f"{album.slug}-{number:03d}.{image.extension}", image.data

    def _shareable(self, sha256: str) -> ShareableImage:
        return shareable(self._blobs.get(sha256))

    def _render_preview(self, sha256: str) -> bytes:
        return preview_jpeg(self._blobs.get(sha256), GRID_LONG_SIDE)

    async def _album(self, request: web.Request) -> _Album:
        opened: OpenedLink = await self._links.open(request.match_info["token"], self._clock())
        event = await self._events.by_id(opened.record.event_id)
        if event is None:
            raise ShareLinkNotFoundError()
        found = await self._photos.many(opened.photo_ids)
        photos = [found[photo_id] for photo_id in opened.photo_ids if photo_id in found]
        return _Album(event.slug, event.name, photos)

    @staticmethod
    def _photo(album: _Album, request: web.Request) -> Photo:
        number = int(request.match_info["number"])
        if not 1 <= number <= len(album.photos):
            raise ShareLinkNotFoundError()
        return album.photos[number - 1]

    def _language(self, request: web.Request) -> tuple[str, gettext.NullTranslations]:
        language = negotiate(
            request.headers.get("Accept-Language"), self._translations, DEFAULT_LANGUAGE
        )
        return language, self._translations.get(language, gettext.NullTranslations())

    @staticmethod
    def _html(html: str, status: int, headers: Mapping[str, str] | None = None) -> web.Response:
        return web.Response(
            text=html,
            status=status,
            content_type="text/html",
            headers={**_SECURITY_HEADERS, **(headers or {})},
        )

    @web.middleware
    async def _errors(
        self,
        request: web.Request,
        handler: Handler,
    ) -> web.StreamResponse:
        try:
            return await handler(request)
        except ShareLinkNotFoundError:
            language, t = self._language(request)
            return self._html(not_found_html(language, t), 404)
        except ShareLinkGoneError as error:
            language, t = self._language(request)
            return self._html(gone_html(language, t, error.reason), 410)


async def start_gallery(gallery: Gallery, host: str, port: int) -> web.AppRunner:
    """Serve the gallery on `host:port` inside the running event loop."""
    runner = web.AppRunner(gallery.app(), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    logger.info("share-link gallery on http://%s:%d", host, port)
    return runner
