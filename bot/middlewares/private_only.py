"""The bot works in private chats only: albums, share links, QR cards and invites are
never posted into a group or a channel.

Updates from any other chat stop here. A command typed in a group gets one polite
line pointing to the private chat; a button pressed there gets an alert; anything
else is ignored silently (the bot may see a group's chatter).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Chat, Message, TelegramObject
from aiogram.utils.i18n import gettext as _

logger = logging.getLogger(__name__)


def refusal() -> str:
    return _("I only work in a private chat: open a chat with me and send the command there.")


class PrivateOnlyMiddleware(BaseMiddleware):
    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        chat = data.get("event_chat")
        if not isinstance(chat, Chat) or chat.type == "private":
            return await handler(event, data)
        logger.info("ignored an update from a %s chat", chat.type)
        if isinstance(event, Message) and (event.text or "").startswith("/"):
            await event.reply(refusal())
        elif isinstance(event, CallbackQuery):
            await event.answer(refusal(), show_alert=True)
        return None
