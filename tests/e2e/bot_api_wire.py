"""The wire side of the fake Bot API: what it stores, and how requests and replies
are encoded (aiogram sends form fields; Telegram answers `{"ok": ..., "result": ...}`)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

_RAW_FIELDS = frozenset(
    {
        "text",
        "caption",
        "callback_query_id",
        "secret_token",
        "url",
        "title",
        "description",
        "payload",
        "error_message",
        "pre_checkout_query_id",
        "telegram_payment_charge_id",
    }
)


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    size: int
    path: str


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded in a multipart request."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Call:
    """One request the bot made: method name, decoded parameters, uploaded files."""

    method: str
    params: dict[str, Any]
    files: dict[str, Upload]
    at: float


@dataclass
class ChatMessage:
    """A message in a chat, as the server holds it; `history` lists every text it had."""

    data: dict[str, Any]
    from_bot: bool
    history: list[str] = field(default_factory=list)
    edited_at: list[float] = field(default_factory=list)
    deleted: bool = False

    @property
    def message_id(self) -> int:
        return int(self.data["message_id"])

    @property
    def text(self) -> str:
        return str(self.data.get("text") or self.data.get("caption") or "")

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.data.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    @property
    def photo_file_id(self) -> str | None:
        sizes = self.data.get("photo") or []
        return str(sizes[-1]["file_id"]) if sizes else None


def photo_size(stored: StoredFile) -> dict[str, Any]:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "width": 1280,
        "height": 960,
    }


def upload_name(value: Any, files: dict[str, Upload]) -> str:
    upload = files.get(str(value).removeprefix("attach://"))
    return upload.name if upload else "document"


def set_markup(data: dict[str, Any], markup: Any) -> None:
    if markup:
        data["reply_markup"] = markup
    else:
        data.pop("reply_markup", None)


def error_response(code: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=code)


async def read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """aiogram sends form fields: strings as is, everything else JSON-encoded."""
    params: dict[str, Any] = {}
    files: dict[str, Upload] = {}
    if request.content_type == "application/json":
        return dict(await request.json()), files
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            files[key] = Upload(value.filename, value.file.read())
        elif key in _RAW_FIELDS:
            params[key] = value
        else:
            params[key] = decode(str(value))
    return params, files


def decode(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def short(params: dict[str, Any]) -> str:
    text = json.dumps(params, ensure_ascii=False, default=str)
    return text if len(text) < 200 else text[:200] + "…"
