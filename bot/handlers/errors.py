"""Every error a handler raises becomes a translated reply; never a traceback, never
silence. Core errors carry a reason code, rendered by `bot.reasons`; refusals and bad
input are expected and logged quietly; anything else is logged with its traceback and
answered with an apology."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent
from aiogram.utils.i18n import gettext as _

from eventlens.bot.reasons import describe
from eventlens.core.errors import ArchiveError, EventLensError, ImageError
from eventlens.core.refusals import StorageFullError

logger = logging.getLogger(__name__)


async def _answer(event: ErrorEvent, text: str) -> None:
    update = event.update
    try:
        if update.message is not None:
            await update.message.reply(text)
        elif update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
    except TelegramAPIError as error:
        logger.warning("could not send the error reply for update %d: %s", update.update_id, error)


def refusal_text(error: EventLensError) -> str:
    """A file we did not take says "Not added" and why; any other error is its own reply."""
    if isinstance(error, ImageError | ArchiveError | StorageFullError):
        return _("Not added: {reason}.").format(reason=describe(error.why))
    return describe(error.why)


async def refused(event: ErrorEvent) -> None:
    error = event.exception
    assert isinstance(error, EventLensError)
    logger.info("update %d refused: %s (%s)", event.update.update_id, error.code, error)
    await _answer(event, refusal_text(error))


async def failed(event: ErrorEvent) -> None:
    logger.error("update %d failed", event.update.update_id, exc_info=event.exception)
    await _answer(event, _("Sorry, something went wrong on my side. Please try again in a minute."))


def router() -> Router:
    built = Router(name=__name__)
    built.errors.register(refused, ExceptionTypeFilter(EventLensError))
    built.errors.register(failed)
    return built
