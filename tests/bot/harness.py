"""Handler tests without a network: a recording Bot API session and Update builders.

`RecordingSession` is an aiogram session that answers every request in memory: it
records the method object (its params as the handler built them) and returns a
canned typed result (a `Message` with an increasing id for sendMessage/sendPhoto,
`True` for answerCallbackQuery and other boolean methods, a `File` for getFile of
a file the test registered). `BotHarness` builds the product's own Bot and
Dispatcher (`eventlens.bot.app.build`) on top of it, so handler tests run through
the real middlewares, filters, routers and services, and feeds Updates built by
`Updates` with `dispatcher.feed_update`. Each feed returns the `Replies` it caused:
what the user would see (texts, captions, buttons, alerts).

    harness = await BotHarness.open(settings, services)
    replies = await harness.send(ADMIN, "/newevent Wedding")
    assert "When is «Wedding»?" in replies.text
"""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict, deque
from collections.abc import AsyncGenerator, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.filters.callback_data import CallbackData
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageCaption,
    EditMessageReplyMarkup,
    EditMessageText,
    GetFile,
    GetMe,
    SendDocument,
    SendInvoice,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import (
    CallbackQuery,
    Chat,
    Document,
    File,
    InlineKeyboardMarkup,
    Invoice,
    Message,
    MessageEntity,
    PhotoSize,
    Update,
    User,
)
from pydantic import SecretStr

from eventlens.bot import app as bot_app
from eventlens.bot.app import BotApp
from eventlens.services import Services
from eventlens.settings import Settings

BOT_TOKEN = "4242:TEST-recording-session"
BOT_USER = User(id=4242, is_bot=True, first_name="EventLens", username="eventlens_test_bot")
FILE_PATH_PREFIX = "files/"


def person(user_id: int, first_name: str = "Ann", language_code: str | None = "en") -> User:
    """A Telegram user who writes to the bot from a private chat."""
    return User(id=user_id, is_bot=False, first_name=first_name, language_code=language_code)


ADMIN = person(1001, "Ada")  # in EVENTLENS_ADMIN_IDS (see `harness_settings`)
STRANGER = person(3003, "Sam")  # neither admin nor photographer until invited


def harness_settings(home: Path, admins: Iterable[int] = (ADMIN.id,)) -> Settings:
    """Settings for an in-process bot: a token (never used on a network), the admins."""
    return Settings(
        home=home,
        providers=("CPUExecutionProvider",),
        bot_token=SecretStr(BOT_TOKEN),
        admin_ids=frozenset(admins),
        web_port=0,
    )


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _private(chat_id: int | str) -> Chat:
    return Chat(id=int(chat_id), type="private")


@dataclass
class StoredUpload:
    """A file a user sent: what a download returns."""

    data: bytes
    # getFile answers "file is too big", as the cloud Bot API does past 20 MB.
    too_big: bool = False


class RecordingSession(BaseSession):
    """Answers Bot API calls in memory and records each one in `requests`."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[TelegramMethod[Any]] = []
        self.results: list[Any] = []
        self.files: dict[str, StoredUpload] = {}
        self.downloads: list[str] = []
        self._message_ids = itertools.count(10_000)
        self._pending_failures: defaultdict[type[TelegramMethod[Any]], deque[tuple[type, str]]]
        self._pending_failures = defaultdict(deque)

    def add_file(self, file_id: str, data: bytes, too_big: bool = False) -> None:
        self.files[file_id] = StoredUpload(data, too_big)

    def fail_next(
        self,
        method: type[TelegramMethod[Any]],
        error: type[TelegramAPIError] = TelegramBadRequest,
        message: str = "Bad Request: test failure",
    ) -> None:
        """The next call of `method` raises `error(message)` instead of succeeding."""
        self._pending_failures[method].append((error, message))

    async def close(self) -> None:
        """Nothing to close: no connection was opened."""

    async def make_request(
        self, bot: Bot, method: TelegramMethod[TelegramType], timeout: int | None = None
    ) -> TelegramType:
        self.requests.append(method)
        pending = self._pending_failures[type(method)]
        if pending:
            error, message = pending.popleft()
            raise error(method=method, message=message)
        result = self._result(method)
        self.results.append(result)
        return cast(TelegramType, result)

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        file_id = url.rsplit("/" + FILE_PATH_PREFIX, 1)[-1]
        self.downloads.append(file_id)
        data = self.files[file_id].data
        for start in range(0, len(data), chunk_size):
            yield data[start : start + chunk_size]

    def _result(self, method: TelegramMethod[Any]) -> Any:
        if isinstance(method, GetMe):
            return BOT_USER
        if isinstance(method, GetFile):
            return self._file(method)
        if isinstance(method, SendMessage):
            return self._message(method.chat_id, text=method.text, reply_markup=method.reply_markup)
        if isinstance(method, SendPhoto):
            number = next(self._message_ids)
            photo = PhotoSize(
                file_id=f"bot-photo-{number}", file_unique_id=f"bot-u{number}", width=1, height=1
            )
            return self._message(
                method.chat_id,
                number,
                photo=[photo],
                caption=method.caption,
                reply_markup=method.reply_markup,
            )
        if isinstance(method, SendDocument):
            number = next(self._message_ids)
            document = Document(file_id=f"bot-doc-{number}", file_unique_id=f"bot-d{number}")
            return self._message(method.chat_id, number, document=document, caption=method.caption)
        if isinstance(method, SendInvoice):
            invoice = Invoice(
                title=method.title,
                description=method.description,
                start_parameter="",
                currency=method.currency,
                total_amount=sum(price.amount for price in method.prices),
            )
            return self._message(method.chat_id, invoice=invoice)
        if isinstance(method, SendMediaGroup):
            return [
                self._message(method.chat_id, caption=getattr(item, "caption", None))
                for item in method.media
            ]
        if isinstance(method, EditMessageText | EditMessageCaption | EditMessageReplyMarkup):
            if method.chat_id is None or method.message_id is None:
                return True
            text = method.text if isinstance(method, EditMessageText) else None
            return self._message(method.chat_id, method.message_id, text=text)
        if method.__returning__ is bool:
            return True
        raise NotImplementedError(f"RecordingSession has no canned result for {method}")

    def _message(self, chat_id: int | str, number: int | None = None, **fields: Any) -> Message:
        markup = fields.pop("reply_markup", None)
        if isinstance(markup, InlineKeyboardMarkup):
            fields["reply_markup"] = markup
        return Message(
            message_id=next(self._message_ids) if number is None else number,
            date=_now(),
            chat=_private(chat_id),
            from_user=BOT_USER,
            **fields,
        )

    def _file(self, method: GetFile) -> File:
        stored = self.files.get(method.file_id)
        if stored is None:
            raise TelegramBadRequest(method=method, message="Bad Request: invalid file_id")
        if stored.too_big:
            raise TelegramBadRequest(method=method, message="Bad Request: file is too big")
        return File(
            file_id=method.file_id,
            file_unique_id=f"u-{method.file_id}",
            file_size=len(stored.data),
            file_path=FILE_PATH_PREFIX + method.file_id,
        )


class Updates:
    """Updates as Telegram delivers them from private chats, with increasing ids."""

    def __init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)

    def message(self, sender: User, **fields: Any) -> Update:
        message = Message(
            message_id=next(self._message_ids),
            date=_now(),
            chat=_private(sender.id),
            from_user=sender,
            **fields,
        )
        return Update(update_id=next(self._update_ids), message=message)

    def text(self, sender: User, text: str, reply_to: Message | None = None) -> Update:
        entities = None
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities = [MessageEntity(type="bot_command", offset=0, length=len(command))]
        return self.message(sender, text=text, entities=entities, reply_to_message=reply_to)

    def photo(
        self, sender: User, file_id: str, size: int | None = None, media_group_id: str | None = None
    ) -> Update:
        sizes = [
            PhotoSize(file_id=f"{file_id}-s", file_unique_id=f"t-{file_id}", width=90, height=90),
            PhotoSize(
                file_id=file_id,
                file_unique_id=f"u-{file_id}",
                width=1280,
                height=960,
                file_size=size,
            ),
        ]
        return self.message(sender, photo=sizes, media_group_id=media_group_id)

    def document(
        self,
        sender: User,
        file_id: str,
        file_name: str | None,
        mime_type: str | None,
        size: int | None = None,
    ) -> Update:
        document = Document(
            file_id=file_id,
            file_unique_id=f"u-{file_id}",
            file_name=file_name,
            mime_type=mime_type,
            file_size=size,
        )
        return self.message(sender, document=document)

    def callback(self, sender: User, data: str | CallbackData, message: Message) -> Update:
        query = CallbackQuery(
            id=str(next(self._callback_ids)),
            from_user=sender,
            chat_instance="chat-instance",
            message=message,
            data=data.pack() if isinstance(data, CallbackData) else data,
        )
        return Update(update_id=next(self._update_ids), callback_query=query)


@dataclass
class Replies:
    """The Bot API calls one update caused, read as the user would see them."""

    requests: list[TelegramMethod[Any]] = field(default_factory=list)
    results: list[Any] = field(default_factory=list)

    def of(self, kind: type[TelegramMethod[Any]]) -> list[Any]:
        return [request for request in self.requests if isinstance(request, kind)]

    @property
    def texts(self) -> list[str]:
        """Every text, caption and callback alert, in the order they were sent."""
        said: list[str] = []
        for request in self.requests:
            if isinstance(request, SendMessage | EditMessageText):
                said.append(request.text or "")
            elif isinstance(request, SendPhoto | SendDocument | EditMessageCaption):
                said.append(request.caption or "")
            elif isinstance(request, AnswerCallbackQuery) and request.text:
                said.append(request.text)
        return said

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def messages(self) -> list[Message]:
        """The messages the bot sent (to press their buttons)."""
        return [result for result in self.results if isinstance(result, Message)]

    def buttons(self) -> list[tuple[str, str | None]]:
        """(text, callback data) of every inline button sent, row by row."""
        found: list[tuple[str, str | None]] = []
        for request in self.requests:
            markup = getattr(request, "reply_markup", None)
            if isinstance(markup, InlineKeyboardMarkup):
                found += [(b.text, b.callback_data) for row in markup.inline_keyboard for b in row]
        return found


@dataclass
class BotHarness:
    """The product's Bot and Dispatcher over a `RecordingSession`."""

    app: BotApp
    session: RecordingSession
    updates: Updates = field(default_factory=Updates)

    @classmethod
    async def open(cls, settings: Settings, services: Services) -> BotHarness:
        """`bot.app.build` as production runs it, with the recording session as transport.
        `settings` needs a `bot_token` (use `BOT_TOKEN`)."""
        session = RecordingSession()
        return cls(await bot_app.build(settings, services, session), session)

    @property
    def bot(self) -> Bot:
        return self.app.bot

    async def feed(self, update: Update, **extra: Any) -> Replies:
        start = len(self.session.requests)
        first_result = len(self.session.results)
        await self.app.dispatcher.feed_update(self.bot, update, **extra)
        return Replies(self.session.requests[start:], self.session.results[first_result:])

    async def send(self, sender: User, text: str, reply_to: Message | None = None) -> Replies:
        return await self.feed(self.updates.text(sender, text, reply_to))

    async def send_photo(
        self, sender: User, data: bytes, file_id: str | None = None, announced: int | None = None
    ) -> Replies:
        file_id = file_id or f"photo-{len(self.session.files)}"
        self.session.add_file(file_id, data)
        size = len(data) if announced is None else announced
        return await self.feed(self.updates.photo(sender, file_id, size))

    async def send_document(
        self,
        sender: User,
        data: bytes,
        file_name: str | None,
        mime_type: str | None,
        announced: int | None = None,
    ) -> Replies:
        file_id = f"doc-{len(self.session.files)}"
        self.session.add_file(file_id, data)
        size = len(data) if announced is None else announced
        return await self.feed(self.updates.document(sender, file_id, file_name, mime_type, size))

    async def press(self, sender: User, data: str | CallbackData, message: Message) -> Replies:
        return await self.feed(self.updates.callback(sender, data, message))


def callback_data(replies: Replies, label: str) -> str:
    """The callback data of the button labelled `label` (fails the test if absent)."""
    for text, data in replies.buttons():
        if text == label and data is not None:
            return data
    raise AssertionError(f"no button {label!r} in {replies.buttons()}")


def last_with_buttons(replies: Replies) -> Message:
    """The bot's message that carries the inline keyboard, to press one of its buttons."""
    for message in reversed(replies.messages):
        if message.reply_markup is not None:
            return message
    raise AssertionError("the bot sent no message with buttons")
