"""The command menu, in every language we have a catalog for (setMyCommands).

Everyone sees the short default menu; photographers get the full one in their own
chat. Telegram keeps a chat's menu, so admins get it at every start and invited
photographers when they join.
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import lazy_gettext as __
from babel.support import LazyProxy

from eventlens.bot.i18n import DEFAULT_LOCALE, languages

logger = logging.getLogger(__name__)

EVERYONE: tuple[tuple[str, LazyProxy], ...] = (
    ("start", __("start the bot")),
    ("help", __("how this bot works")),
    ("follow", __("get new photos of you as they are added")),
    ("unfollow", __("stop new photos and delete your face data")),
    ("links", __("your share links")),
    ("privacy", __("what the bot keeps about you")),
    ("forget", __("delete everything the bot keeps about you")),
    ("language", __("change the language")),
)
PHOTOGRAPHERS: tuple[tuple[str, LazyProxy], ...] = (
    ("newevent", __("create an event")),
    ("use", __("choose the event your uploads go to")),
    ("qr", __("the event's QR code and links")),
    ("invite", __("a new co-photographer invite link")),
    ("members", __("the event's photographers; remove one")),
    ("searches", __("how often guests searched the event")),
    ("ftp", __("FTP settings for your camera")),
    ("hiding", __("may guests hide photos of themselves; what they hid")),
    ("watermark", __("the watermark on guests' previews")),
    ("events", __("your events with their numbers")),
    ("stats", __("numbers for the selected event")),
    ("price", __("sell originals for Stars: /price 25 200")),
    ("people", __("who appears in the selected event's photos")),
    ("cull", __("blurred shots, closed eyes and duplicates; hide them")),
    ("name", __("name a person: /name 1 Bride")),
    ("merge", __("merge two people: /merge 1 4")),
    ("person", __("one person's faces, numbered")),
    ("split", __("take wrong faces out of a person: /split 1 3")),
    ("delete", __("reply to a photo to remove it")),
    ("close", __("stop uploads to the selected event")),
    ("reopen", __("take uploads again")),
    ("retention", __("how long guest data is kept after the event closes")),
    ("delete_event", __("delete the selected event for good")),
    ("help", __("how uploading works")),
)


def menu(i18n: I18n, locale: str, entries: tuple[tuple[str, LazyProxy], ...]) -> list[BotCommand]:
    with i18n.context(), i18n.use_locale(locale):
        return [BotCommand(command=name, description=str(text)) for name, text in entries]


def _language_code(locale: str) -> str | None:
    return None if locale == DEFAULT_LOCALE else locale


async def register_default(bot: Bot, i18n: I18n) -> None:
    for locale in languages(i18n):
        await bot.set_my_commands(
            menu(i18n, locale, EVERYONE),
            scope=BotCommandScopeDefault(),
            language_code=_language_code(locale),
        )


async def register_photographer(bot: Bot, i18n: I18n, chat_id: int) -> None:
    """The full menu in one photographer's chat; a chat the bot cannot reach yet is
    skipped (an admin who never opened the bot gets it on /start)."""
    try:
        for locale in languages(i18n):
            await bot.set_my_commands(
                menu(i18n, locale, PHOTOGRAPHERS),
                scope=BotCommandScopeChat(chat_id=chat_id),
                language_code=_language_code(locale),
            )
    except TelegramAPIError as error:
        logger.info("no command menu for chat %d yet: %s", chat_id, error)
