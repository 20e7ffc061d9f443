"""The share-link gallery over HTTP: `/a/<token>` and the photos behind it, on aiohttp.

What a token opens, and which bytes go out, is decided in core (`SharedAlbums`);
this module only maps routes, headers and status codes (the Mini App adds its
routes to the same app, under the same request budget): forged or unknown tokens
get 404, expired or revoked ones 410, a client over its budget 429, and nothing
lists links. Every response, errors included, carries the security headers.
"""

from __future__ import annotations

import gettext
import logging
from collections.abc import AsyncIterator, Mapping

from aiohttp import web
from aiohttp.typedefs import Handler

from eventlens.bot.web.language import negotiate
from eventlens.bot.web.mini_app import MiniApp
from eventlens.bot.web.pages import AlbumPage, album_html, gone_html, not_found_html
from eventlens.bot.web.zip_stream import stream_zip
from eventlens.core.errors import GalleryBusyError, ShareLinkGoneError, ShareLinkNotFoundError
from eventlens.core.guests.gallery import SharedAlbum, SharedAlbums

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",
}


class Gallery:
    def __init__(
        self,
        albums: SharedAlbums,
        translations: Mapping[str, gettext.NullTranslations] | None = None,
        mini_app: MiniApp | None = None,
    ) -> None:
        self._albums = albums
        self._mini_app = mini_app
        self._translations = dict(translations or {DEFAULT_LANGUAGE: gettext.NullTranslations()})

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._errors])
        app.router.add_get("/a/{token}", self.page)
        app.router.add_get("/a/{token}/all.zip", self.download_all)
        app.router.add_get(r"/a/{token}/{number:\d+}.jpg", self.preview)
        app.router.add_get(r"/a/{token}/{number:\d+}/download", self.original)
        if self._mini_app is not None:  # same app, same request budget
            self._mini_app.add_routes(app.router)
        return app

    async def page(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        album = await self._albums.visit(token)
        language, t = self._language(request)
        html = album_html(AlbumPage(token, album.event_name, len(album.photos)), language, t)
        return self._html(html, 200, {"Cache-Control": "no-store"})

    async def preview(self, request: web.Request) -> web.Response:
        body = await self._albums.preview(request.match_info["token"], _number(request))
        return web.Response(
            body=body,
            content_type="image/jpeg",
            headers={**_SECURITY_HEADERS, "Cache-Control": "private, max-age=300"},
        )

    async def original(self, request: web.Request) -> web.Response:
        shared = await self._albums.original(request.match_info["token"], _number(request))
        return web.Response(
            body=shared.image.data,
            content_type=shared.image.mime,
            headers={
                **_SECURITY_HEADERS,
                "Cache-Control": "private, no-store",
                "Content-Disposition": f'attachment; filename="{shared.name}"',
            },
        )

    async def download_all(self, request: web.Request) -> web.StreamResponse:
        album = await self._albums.open(request.match_info["token"])
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

    async def _entries(self, album: SharedAlbum) -> AsyncIterator[tuple[str, bytes]]:
        async for shared in self._albums.files(album):
            yield shared.name, shared.image.data

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
        language, t = self._language(request)
        try:
            self._albums.admit(request.remote or "")
            return await handler(request)
        except ShareLinkNotFoundError:
            return self._html(not_found_html(language, t), 404)
        except ShareLinkGoneError as error:
            return self._html(gone_html(language, t, error.reason), 410)
        except GalleryBusyError as error:
            return web.Response(
                text=f"Too many requests; try again in {error.retry_after} s.",
                status=429,
                headers={**_SECURITY_HEADERS, "Retry-After": str(error.retry_after)},
            )
        except web.HTTPException as error:
            if error.status == 404:
                return self._html(not_found_html(language, t), 404)
            error.headers.update(_SECURITY_HEADERS)
            raise
        except Exception:
            logger.exception("gallery request %s failed", request.path)
            return web.Response(text="Something went wrong.", status=500, headers=_SECURITY_HEADERS)


def _number(request: web.Request) -> int:
    return int(request.match_info["number"])


async def start_gallery(gallery: Gallery, host: str, port: int) -> web.AppRunner:
    """Serve the gallery on `host:port` inside the running event loop."""
    runner = web.AppRunner(gallery.app(), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    logger.info("share-link gallery on http://%s:%d", host, port)
    return runner
