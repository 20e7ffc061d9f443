"""Every error a handler raises becomes a translated reply; never a traceback, never
silence. Refusals and bad input are expected and logged quietly; anything else is
logged with its traceback and answered with an apology."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent
from aiogram.utils.i18n import gettext as _

from eventlens.bot.uploads.reasons import translate_reason
from eventlens.core.errors import ArchiveError, EventLensError, ImageError
from eventlens.core.refusals import (
    EventClosedError,
    FileTooLargeError,
    InvalidInviteError,
    NoEventSelectedError,
    NotAllowedError,
    UnsupportedFileError,
)

logger = logging.getLogger(__name__)

MEGABYTE = 1024 * 1024


async def _answer(event: ErrorEvent, text: str) -> None:
    update = event.update
    try:
        if update.message is not None:
            await update.message.reply(text)
        elif update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
    except TelegramAPIError as error:
        logger.warning("could not send the error reply for update %d: %s", update.update_id, error)


def _not_allowed(error: NotAllowedError) -> str:
    if error.needs == "admin":
        return _("Only EventLens admins can create events. Ask one to invite you to theirs.")
    if error.needs == "owner":
        return _("Only the event's owner can do that.")
    return _("Sorry, that is only for the photographers of that event.")


async def refused(event: ErrorEvent) -> None:
    error = event.exception
    if isinstance(error, NotAllowedError):
        text = _not_allowed(error)
    elif isinstance(error, NoEventSelectedError):
        text = _(
            "No event is selected. Choose one with /use (or create one with /newevent), "
            "then send the photos again."
        )
    elif isinstance(error, EventClosedError):
        text = _("«{event}» is closed and takes no uploads; its owner can /reopen it.").format(
            event=error.event_name
        )
    elif isinstance(error, InvalidInviteError):
        text = _("This invite link is not valid. Ask the event's owner for a new one.")
    elif isinstance(error, FileTooLargeError):
        text = _(
            "This file is {size} MB, but bots can download at most {limit} MB from Telegram. "
            "Split it into smaller files or ZIPs."
        ).format(size=-(-error.size // MEGABYTE), limit=error.limit // MEGABYTE)
    elif isinstance(error, UnsupportedFileError):
        text = _(
            "I cannot index {name}: send photos (JPEG, PNG, WebP, HEIC) or a ZIP of them."
        ).format(name=error.name)
    elif isinstance(error, ImageError | ArchiveError):
        text = _("Not added: {reason}.").format(reason=translate_reason(str(error)))
    else:
        text = _("That did not work: {reason}").format(reason=str(error))
    logger.info("update %d refused: %s", event.update.update_id, error)
    await _answer(event, text)


async def failed(event: ErrorEvent) -> None:
    logger.error("update %d failed", event.update.update_id, exc_info=event.exception)
    await _answer(event, _("Sorry, something went wrong on my side. Please try again in a minute."))


def router() -> Router:
    built = Router(name=__name__)
    built.errors.register(refused, ExceptionTypeFilter(EventLensError))
    built.errors.register(failed)
    return built
