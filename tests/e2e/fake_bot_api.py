"""A fake Telegram Bot API server on loopback, for end-to-end tests of the real bot.

The bot under test talks to it over real HTTP exactly as it would to
api.telegram.org (`EVENTLENS_TELEGRAM_API_URL=fake.url`, aiogram's
`TelegramAPIServer`). The server keeps every chat's messages (the user's and the
bot's, with edit history), serves files through getFile and the download route,
and records every call. Tests act as users through `FakeUser`
(`tests/e2e/telegram_user.py`) and wait for the bot's answers with `wait_for`.

Implemented methods: getMe, getUpdates (long polling, offsets, 409 on a second
poller), setWebhook/deleteWebhook (updates are then POSTed to the bot), sendMessage,
editMessageText, editMessageCaption, editMessageReplyMarkup, sendPhoto, sendDocument, sendMediaGroup
(uploads as multipart `attach://` parts, or existing file_ids), getFile,
answerCallbackQuery, setMyCommands, getMyCommands, deleteMessage, sendChatAction,
and Stars payments (sendInvoice, answerPreCheckoutQuery, refundStarPayment:
`tests/e2e/fake_payments.py`).
Anything else answers 404 and is recorded, so a test sees it. Errors use
Telegram's own descriptions ("message is not modified", "file is too big").
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import aiohttp
from aiohttp import web

from tests.e2e.bot_api_wire import (
    ApiError,
    Call,
    ChatMessage,
    StoredFile,
    Upload,
    error_response,
    photo_size,
    read_params,
    set_markup,
    short,
    upload_name,
)
from tests.e2e.fake_payments import StarsPayments

__all__ = ["ApiError", "Call", "ChatMessage", "FakeBotAPI", "StoredFile", "Upload"]

T = TypeVar("T")

CLOUD_DOWNLOAD_LIMIT = 20 * 1024 * 1024


class FakeBotAPI:
    def __init__(
        self, token: str = "1234567:TEST-fake-token", username: str = "eventlens_test_bot"
    ) -> None:
        self.token = token
        self.bot_user = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "EventLens Test",
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[Call] = []
        self.chats: dict[int, dict[int, ChatMessage]] = {}
        self.files: dict[str, StoredFile] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.callback_answers: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] | None = None
        self.payments = StarsPayments()
        self._failures: dict[str, list[ApiError]] = {}
        self._passes: dict[str, int] = {}  # calls that succeed before the planned failure
        self._outages: dict[str, list[tuple[float, float, ApiError]]] = {}
        self._updates: list[dict[str, Any]] = []
        self._confirmed = 0
        self._update_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._file_ids = itertools.count(1)
        self._arrived = asyncio.Event()
        self._poller: asyncio.Future[None] | None = None
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None
        self.url = ""

    # ----------------------------------------------------------------- lifecycle
    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, handler_cancellation=True, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        self._client = aiohttp.ClientSession()

    async def close(self) -> None:
        if self._client is not None:
            await self._client.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # ------------------------------------------------------------ test-side API
    def add_file(self, data: bytes, extension: str = "jpg", size: int | None = None) -> StoredFile:
        """Make bytes downloadable; `size` may claim more than `data` (limit tests)."""
        number = next(self._file_ids)
        stored = StoredFile(
            file_id=f"FILE{number:05d}x{self.token[-6:]}",
            file_unique_id=f"UNIQ{number:05d}",
            data=data,
            size=len(data) if size is None else size,
            path=f"files/file_{number}.{extension}",
        )
        self.files[stored.file_id] = stored
        return stored

    def next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def store_message(self, chat_id: int, data: dict[str, Any], from_bot: bool) -> ChatMessage:
        message = ChatMessage(
            data, from_bot, history=[str(data.get("text") or data.get("caption") or "")]
        )
        self.chats.setdefault(chat_id, {})[message.message_id] = message
        return message

    async def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates, or POST it to the webhook when one is set."""
        update = {"update_id": next(self._update_ids), **update}
        if self.webhook is not None:
            await self._deliver(update)
        else:
            self._updates.append(update)
            self._arrived.set()
        return int(update["update_id"])

    def fail_next(self, method: str, error: ApiError, after: int = 0) -> None:
        """Answer the next call of `method` (or the one `after` calls later) with `error`
        (a 429, a 500...), then recover."""
        self._failures.setdefault(method.lower(), []).append(error)
        self._passes[method.lower()] = after

    def outage(self, methods: Sequence[str], phases: Sequence[tuple[float, ApiError]]) -> float:
        """Answer every call of `methods` with each phase's error for its seconds, one
        phase after the other from now (a 502 for 2 s, then a 429 for 2 s); returns
        when the outage ends (monotonic)."""
        start = time.monotonic()
        for seconds, error in phases:
            for method in methods:
                self._outages.setdefault(method.lower(), []).append((start, start + seconds, error))
            start += seconds
        return start

    def bot_messages(self, chat_id: int) -> list[ChatMessage]:
        return [m for m in self.chats.get(chat_id, {}).values() if m.from_bot]

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def pending_updates(self) -> int:
        return sum(1 for update in self._updates if update["update_id"] >= self._confirmed)

    async def wait_for(
        self, probe: Callable[[], T | None], timeout: float = 30.0, what: str = "a condition"
    ) -> T:
        """Poll `probe` until it returns something truthy; fail with the recent calls."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = probe()
            if value:
                return value
            await asyncio.sleep(0.05)
        recent = "\n".join(f"  {c.method} {short(c.params)}" for c in self.calls[-15:])
        raise AssertionError(
            f"timed out after {timeout:.0f} s waiting for {what}; last calls:\n{recent}"
        )

    async def wait_until(
        self, condition: Callable[[], Awaitable[bool]], timeout: float = 30.0, what: str = ""
    ) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if await condition():
                return
            await asyncio.sleep(0.1)
        raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")

    # --------------------------------------------------------------- transport
    async def _handle_method(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return error_response(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await read_params(request)
        self.calls.append(Call(method, params, files, time.monotonic()))
        handler = getattr(self, f"_m_{method.lower()}", None)
        if handler is None:
            return error_response(404, "Not Found: method not found")
        planned = self._failures.get(method.lower())
        if planned and self._passes.get(method.lower()):
            self._passes[method.lower()] -= 1
        elif planned:
            error = planned.pop(0)
            return error_response(error.code, error.description, error.retry_after)
        now = time.monotonic()
        for start, end, error in self._outages.get(method.lower(), ()):
            if start <= now < end:
                return error_response(error.code, error.description, error.retry_after)
        try:
            result = await handler(params, files)
        except ApiError as error:
            return error_response(error.code, error.description, error.retry_after)
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return error_response(401, "Unauthorized")
        path = request.match_info["path"]
        for stored in self.files.values():
            if stored.path == path:
                return web.Response(body=stored.data, content_type="application/octet-stream")
        return error_response(404, "Not Found: file not found")

    async def _deliver(self, update: dict[str, Any]) -> None:
        assert self.webhook is not None and self._client is not None
        headers = {}
        if self.webhook.get("secret_token"):
            headers["X-Telegram-Bot-Api-Secret-Token"] = str(self.webhook["secret_token"])
        async with self._client.post(self.webhook["url"], json=update, headers=headers) as reply:
            if reply.status != 200:
                raise AssertionError(f"webhook answered {reply.status}: {await reply.text()}")

    # ------------------------------------------------------------------ methods
    async def _m_getme(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return self.bot_user

    async def _m_getupdates(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        if self.webhook is not None:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset") or 0)
        if offset > 0:
            self._confirmed = max(self._confirmed, offset)
            self._updates = [u for u in self._updates if u["update_id"] >= self._confirmed]
        if self._poller is not None and not self._poller.done():
            self._poller.set_result(None)  # the older long poll loses, as on Telegram
        poller: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._poller = poller
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        while True:
            if poller.done():
                raise ApiError(409, "Conflict: terminated by other getUpdates request")
            if self._updates or time.monotonic() >= deadline:
                return self._updates[:limit]
            self._arrived.clear()
            arrived: asyncio.Future[Any] = asyncio.ensure_future(self._arrived.wait())
            await asyncio.wait(
                {arrived, poller},
                timeout=max(0.0, deadline - time.monotonic()),
                return_when=asyncio.FIRST_COMPLETED,
            )
            arrived.cancel()

    async def _m_setwebhook(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        self.webhook = {"url": params["url"], "secret_token": params.get("secret_token")}
        return True

    async def _m_deletewebhook(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        self.webhook = None
        return True

    async def _m_sendmessage(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return self._bot_message(params, text=params["text"]).data

    async def _m_sendphoto(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        photo = self._file_param(params["photo"], files, "jpg")
        return self._bot_message(
            params, photo=[photo_size(photo)], caption=params.get("caption")
        ).data

    async def _m_senddocument(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        document = self._file_param(params["document"], files, "bin")
        doc = {
            "file_id": document.file_id,
            "file_unique_id": document.file_unique_id,
            "file_size": document.size,
            "file_name": upload_name(params["document"], files),
        }
        return self._bot_message(params, document=doc, caption=params.get("caption")).data

    async def _m_sendmediagroup(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        group = f"group{next(self._file_ids)}"
        sent = []
        for item in params["media"]:
            stored = self._file_param(item["media"], files, "jpg")
            if item["type"] == "photo":
                content: dict[str, Any] = {"photo": [photo_size(stored)]}
            else:
                content = {
                    "document": {
                        "file_id": stored.file_id,
                        "file_unique_id": stored.file_unique_id,
                        "file_size": stored.size,
                    }
                }
            message = self._bot_message(
                params, media_group_id=group, caption=item.get("caption"), **content
            )
            sent.append(message.data)
        return sent

    async def _m_editmessagetext(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        message = self._existing(params)
        markup = params.get("reply_markup")
        if (
            message.data.get("text") == params["text"]
            and message.data.get("reply_markup") == markup
        ):
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message "
                "content and reply markup are exactly the same as a current "
                "content and reply markup of the message",
            )
        message.data["text"] = params["text"]
        set_markup(message.data, markup)
        message.history.append(params["text"])
        message.edited_at.append(time.monotonic())
        message.data["edit_date"] = int(time.time())
        return message.data

    async def _m_editmessagecaption(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        message = self._existing(params)
        caption, markup = params.get("caption"), params.get("reply_markup")
        if message.data.get("caption") == caption and message.data.get("reply_markup") == markup:
            raise ApiError(400, "Bad Request: message is not modified")
        message.data["caption"] = caption
        set_markup(message.data, markup)
        message.history.append(str(caption or ""))
        message.edited_at.append(time.monotonic())
        return message.data

    async def _m_editmessagereplymarkup(
        self, params: dict[str, Any], files: dict[str, Upload]
    ) -> Any:
        message = self._existing(params)
        set_markup(message.data, params.get("reply_markup"))
        return message.data

    async def _m_deletemessage(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        self._existing(params).deleted = True
        return True

    async def _m_getfile(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        stored = self.files.get(str(params["file_id"]))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if stored.size > CLOUD_DOWNLOAD_LIMIT:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.size,
            "file_path": stored.path,
        }

    async def _m_answercallbackquery(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        self.callback_answers.append(params)
        return True

    async def _m_setmycommands(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        self.commands[(scope, str(params.get("language_code") or ""))] = params["commands"]
        return True

    async def _m_getmycommands(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        return self.commands.get((scope, str(params.get("language_code") or "")), [])

    async def _m_sendchataction(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return True

    async def _m_sendinvoice(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return self._bot_message(params, invoice=self.payments.invoice(params)).data

    async def _m_answerprecheckoutquery(
        self, params: dict[str, Any], files: dict[str, Upload]
    ) -> Any:
        return self.payments.answer(params)

    async def _m_refundstarpayment(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return self.payments.refund(params)

    # ----------------------------------------------------------------- helpers
    def _bot_message(self, params: dict[str, Any], **content: Any) -> ChatMessage:
        chat_id = int(params["chat_id"])
        data: dict[str, Any] = {
            "message_id": self.next_message_id(chat_id),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": self.bot_user,
            **{key: value for key, value in content.items() if value is not None},
        }
        set_markup(data, params.get("reply_markup"))
        reply = params.get("reply_parameters") or {}
        replied = self.chats.get(chat_id, {}).get(int(reply.get("message_id") or 0))
        if replied is not None:
            data["reply_to_message"] = dict(replied.data)
        return self.store_message(chat_id, data, from_bot=True)

    def _existing(self, params: dict[str, Any]) -> ChatMessage:
        chat = self.chats.get(int(params.get("chat_id") or 0), {})
        message = chat.get(int(params.get("message_id") or 0))
        if message is None or message.deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    def _file_param(self, value: Any, files: dict[str, Upload], extension: str) -> StoredFile:
        reference = str(value)
        if reference.startswith("attach://"):
            return self.add_file(files[reference.removeprefix("attach://")].data, extension)
        if reference in self.files:
            return self.files[reference]
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
