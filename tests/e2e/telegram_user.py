"""A Telegram user in a private chat with the bot, for end-to-end tests.

Each action builds the update Telegram would send (message, photo, document,
album, callback query, reply) and queues it on the `FakeBotAPI`; the `expect_*`
helpers wait for what the bot sends back into this chat.

    admin = api.user(1001, language_code="en")
    await admin.send("/newevent Summer party")
    reply = await admin.expect_message(containing="When is")
    await admin.press(reply, "No date")
    card = await admin.expect_message(lambda m: m.photo_file_id is not None)
"""

from __future__ import annotations

import io
import itertools
import time
from collections.abc import Callable, Sequence
from typing import Any

from PIL import Image

from tests.e2e.fake_bot_api import ChatMessage, FakeBotAPI, StoredFile
from tests.e2e.fake_payments import Charge


class FakeUser:
    def __init__(
        self,
        api: FakeBotAPI,
        user_id: int,
        first_name: str = "Alex",
        language_code: str | None = "en",
        username: str | None = None,
    ) -> None:
        self.api = api
        self.id = user_id
        self.user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            self.user["language_code"] = language_code
        if username:
            self.user["username"] = username
        self._seen = 0  # bot messages already returned by expect_message
        self._callbacks = itertools.count(1)
        self._groups = itertools.count(1)

    @property
    def chat(self) -> dict[str, Any]:
        return {"id": self.id, "type": "private", "first_name": self.user["first_name"]}

    # ----------------------------------------------------------------- actions
    async def send(self, text: str, reply_to: int | None = None) -> ChatMessage:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return await self._message(content, reply_to)

    async def send_photo(
        self, data: bytes, caption: str | None = None, media_group_id: str | None = None
    ) -> ChatMessage:
        stored = self.api.add_file(data, "jpg")
        content: dict[str, Any] = {"photo": _photo_sizes(self.api, stored)}
        if caption:
            content["caption"] = caption
        if media_group_id:
            content["media_group_id"] = media_group_id
        return await self._message(content)

    async def send_document(
        self,
        data: bytes,
        file_name: str,
        mime_type: str | None,
        claimed_size: int | None = None,
        media_group_id: str | None = None,
    ) -> ChatMessage:
        """`claimed_size`: what Telegram says the file weighs (to test limits cheaply)."""
        extension = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        stored = self.api.add_file(data, extension, size=claimed_size)
        document: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "file_size": stored.size,
        }
        if mime_type:
            document["mime_type"] = mime_type
        content: dict[str, Any] = {"document": document}
        if media_group_id:
            content["media_group_id"] = media_group_id
        return await self._message(content)

    async def send_album(self, photos: Sequence[bytes]) -> list[ChatMessage]:
        """Up to 10 photos sharing a media_group_id, as Telegram delivers an album."""
        group = f"album-{self.id}-{next(self._groups)}"
        return [await self.send_photo(data, media_group_id=group) for data in photos]

    async def press(self, message: ChatMessage, button_text: str) -> str:
        """Tap an inline button of a bot message, found by (part of) its label."""
        for button in message.buttons:
            if button_text in button["text"]:
                return await self.press_data(message, str(button["callback_data"]))
        labels = [button["text"] for button in message.buttons]
        raise AssertionError(f"no button {button_text!r} in {labels}")

    async def press_data(self, message: ChatMessage, data: str) -> str:
        """Send any callback data (a forged button, for refusal tests)."""
        query_id = f"cb{self.id}-{next(self._callbacks)}"
        await self.api.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self.user,
                    "chat_instance": str(self.id),
                    "message": message.data,
                    "data": data,
                }
            }
        )
        return query_id

    async def checkout(self, invoice: ChatMessage, timeout: float = 15.0) -> dict[str, Any]:
        """Tap Pay under an invoice: Telegram's pre_checkout_query; the bot's answer back."""
        bill = invoice.data["invoice"]
        query_id = f"pcq{self.id}-{next(self._callbacks)}"
        await self.api.push_update(
            {
                "pre_checkout_query": {
                    "id": query_id,
                    "from": self.user,
                    "currency": bill["currency"],
                    "total_amount": bill["total_amount"],
                    "invoice_payload": bill["payload"],
                }
            }
        )
        return await self.api.wait_for(
            lambda: self.api.payments.answers.get(query_id), timeout, "the pre-checkout answer"
        )

    async def pay(self, invoice: ChatMessage) -> Charge:
        """Pay an invoice: the pre-checkout query (which must be accepted), then the
        successful_payment message."""
        answer = await self.checkout(invoice)
        assert answer.get("ok") is True, answer
        bill = invoice.data["invoice"]
        charge = self.api.payments.charge(self.id, bill["total_amount"], bill["payload"])
        await self.payment_message(charge)
        return charge

    async def payment_message(self, charge: Charge) -> ChatMessage:
        """The service message of a successful payment (sent again: a repeated update)."""
        return await self._message(
            {
                "successful_payment": {
                    "currency": "XTR",
                    "total_amount": charge.stars,
                    "invoice_payload": charge.payload,
                    "telegram_payment_charge_id": charge.charge_id,
                    "provider_payment_charge_id": "",
                }
            }
        )

    # ------------------------------------------------------------ expectations
    def messages(self) -> list[ChatMessage]:
        """Everything the bot has sent into this chat, oldest first."""
        return self.api.bot_messages(self.id)

    async def expect_message(
        self,
        match: Callable[[ChatMessage], bool] | None = None,
        containing: str | None = None,
        timeout: float = 30.0,
    ) -> ChatMessage:
        """The next bot message (after those already returned) that matches."""

        def probe() -> ChatMessage | None:
            fresh = self.messages()[self._seen :]
            for index, message in enumerate(fresh):
                if (match is None or match(message)) and (
                    containing is None or containing in message.text
                ):
                    self._seen += index + 1
                    return message
            return None

        what = f"a message in chat {self.id}" + (
            f" containing {containing!r}" if containing else ""
        )
        return await self.api.wait_for(probe, timeout, what)

    async def expect_answer(self, query_id: str, timeout: float = 15.0) -> dict[str, Any]:
        """The bot's answerCallbackQuery for one button press."""

        def probe() -> dict[str, Any] | None:
            for answer in self.api.callback_answers:
                if answer.get("callback_query_id") == query_id:
                    return answer
            return None

        return await self.api.wait_for(probe, timeout, f"an answer to {query_id}")

    async def _message(self, content: dict[str, Any], reply_to: int | None = None) -> ChatMessage:
        data: dict[str, Any] = {
            "message_id": self.api.next_message_id(self.id),
            "date": int(time.time()),
            "chat": self.chat,
            "from": self.user,
            **content,
        }
        if reply_to is not None:
            data["reply_to_message"] = dict(self.api.chats[self.id][reply_to].data)
        message = self.api.store_message(self.id, data, from_bot=False)
        await self.api.push_update({"message": data})
        return message


def _photo_sizes(api: FakeBotAPI, full: StoredFile) -> list[dict[str, Any]]:
    """A thumbnail and the full size, smallest first, as Telegram lists them."""
    sizes = []
    try:
        with Image.open(io.BytesIO(full.data)) as image:
            width, height = image.size
            image.thumbnail((90, 90))
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, format="JPEG")
        thumb = api.add_file(buffer.getvalue(), "jpg")
        sizes.append(_size(thumb, *Image.open(io.BytesIO(thumb.data)).size))
    except OSError:
        width, height = 1280, 960  # not decodable: Telegram would refuse it; tests may not
    sizes.append(_size(full, width, height))
    return sizes


def _size(stored: StoredFile, width: int, height: int) -> dict[str, Any]:
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": stored.size,
        "width": width,
        "height": height,
    }
