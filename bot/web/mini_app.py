"""The Mini App over HTTP: `/app` (the page) and `/app/api/*`, on the gallery's aiohttp app.

Who asks, and what they may see or change, is decided in core (`MiniAppAlbums`);
this module maps routes, headers and status codes. The page itself holds no data:
its script sends Telegram's `initData` in `Authorization: tma <initData>` with
every API call, and nothing in a URL names a guest. Refused `initData` gets 401,
a photo no longer in the album 404, and every response the security headers
(scripts from this origin and Telegram's SDK only, framing by Telegram Web only).
A verdict on a photo is `POST /app/api/photos/<face>` with `{"verdict": ...}`.
"""

from __future__ import annotations

import gettext
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import cast

from aiohttp import web

from eventlens.bot.web.language import negotiate
from eventlens.bot.web.mini_app_page import APP_SCRIPT, mini_app_html
from eventlens.bot.web.zip_stream import stream_zip
from eventlens.core.errors import GuestAccessError, MiniAppAuthError
from eventlens.core.guests.mini_app import VERDICTS, MiniAppAlbums, PreviewSize, Verdict

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
AUTH_SCHEME = "tma "
MAX_BODY_BYTES = 64 * 1024  # a ZIP request lists face ids; nothing bigger is needed
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self' https://telegram.org; connect-src 'self'; "
        "img-src 'self' blob:; style-src 'unsafe-inline'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors https://web.telegram.org"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex, nofollow",
    "Cache-Control": "private, no-store",
}

MINI_APP_PATH = "/app"

Handler = Callable[[web.Request, int], Awaitable[web.StreamResponse]]


def mini_app_url(public_url: str) -> str | None:
    """The Mini App's address, if Telegram will open it: only HTTPS Mini Apps are allowed."""
    if not public_url.startswith("https://"):
        return None
    return public_url.rstrip("/") + MINI_APP_PATH


class MiniApp:
    def __init__(
        self,
        albums: MiniAppAlbums,
        translations: Mapping[str, gettext.NullTranslations] | None = None,
    ) -> None:
        self._albums = albums
        self._translations = dict(translations or {DEFAULT_LANGUAGE: gettext.NullTranslations()})

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get(MINI_APP_PATH, self.page)
        router.add_get("/app/app.js", self.script)
        router.add_get("/app/api/album", self._signed(self.album))
        router.add_get(r"/app/api/photos/{face}/{size:grid|full}.jpg", self._signed(self.preview))
        router.add_post("/app/api/photos/{face}", self._signed(self.judge))
        router.add_post("/app/api/zip", self._signed(self.download))

    async def page(self, request: web.Request) -> web.Response:
        language = negotiate(
            request.headers.get("Accept-Language"), self._translations, DEFAULT_LANGUAGE
        )
        t = self._translations.get(language, gettext.NullTranslations())
        return web.Response(
            text=mini_app_html(language, t), content_type="text/html", headers=SECURITY_HEADERS
        )

    async def script(self, _: web.Request) -> web.Response:
        return web.Response(
            text=APP_SCRIPT, content_type="application/javascript", headers=SECURITY_HEADERS
        )

    async def album(self, _: web.Request, guest_id: int) -> web.Response:
        album = await self._albums.album(guest_id)
        if album is None:
            return _json({"event": None, "sure": [], "maybe": []})
        return _json({"event": album.event_name, "sure": album.sure, "maybe": album.maybe})

    async def preview(self, request: web.Request, guest_id: int) -> web.Response:
        size = cast(PreviewSize, request.match_info["size"])
        body = await self._albums.preview(guest_id, request.match_info["face"], size)
        return web.Response(body=body, content_type="image/jpeg", headers=SECURITY_HEADERS)

    async def judge(self, request: web.Request, guest_id: int) -> web.Response:
        verdict = (await _body(request)).get("verdict")
        if verdict not in VERDICTS:
            return _json({"error": "unknown_verdict"}, 400)
        await self._albums.judge(guest_id, request.match_info["face"], cast(Verdict, verdict))
        return _json({"ok": True})

    async def download(self, request: web.Request, guest_id: int) -> web.StreamResponse:
        faces = (await _body(request)).get("faces")
        if not isinstance(faces, list) or not all(isinstance(face, str) for face in faces):
            return _json({"error": "faces"}, 400)
        files = self._albums.files(guest_id, faces)
        first = await anext(files, None)  # refusals surface before the response starts
        response = web.StreamResponse(
            headers={
                **SECURITY_HEADERS,
                "Content-Type": "application/zip",
                "Content-Disposition": 'attachment; filename="photos.zip"',
            }
        )
        await response.prepare(request)

        async def entries() -> AsyncIterator[tuple[str, bytes]]:
            if first is not None:
                yield first.name, first.image.data
            async for shared in files:
                yield shared.name, shared.image.data

        await stream_zip(response, entries())
        return response

    def _signed(self, handler: Handler) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        """Run `handler` for the guest `initData` names; refusals become JSON codes."""

        async def signed(request: web.Request) -> web.StreamResponse:
            header = request.headers.get("Authorization", "")
            try:
                if not header.startswith(AUTH_SCHEME):
                    raise MiniAppAuthError()
                guest_id = self._albums.guest(header.removeprefix(AUTH_SCHEME))
                return await handler(request, guest_id)
            except MiniAppAuthError as error:
                return _json({"error": error.code.value}, 401)
            except GuestAccessError as error:
                return _json({"error": error.code.value}, 404)

        return signed


def _json(payload: object, status: int = 200) -> web.Response:
    return web.Response(
        text=json.dumps(payload),
        status=status,
        content_type="application/json",
        headers=SECURITY_HEADERS,
    )


async def _body(request: web.Request) -> dict[str, object]:
    if request.content_length is None or request.content_length > MAX_BODY_BYTES:
        raise web.HTTPRequestEntityTooLarge(MAX_BODY_BYTES, request.content_length or 0)
    try:
        payload = json.loads(await request.read())
    except (ValueError, UnicodeDecodeError):
        raise web.HTTPBadRequest() from None
    return payload if isinstance(payload, dict) else {}
