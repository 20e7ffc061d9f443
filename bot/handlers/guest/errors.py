"""Guest-side refusals as translated replies (before the shared error router)."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from eventlens.bot.guest import texts
from eventlens.core.errors import (
    ConsentRequiredError,
    GuestAccessError,
    NoSearchError,
    NotJoinedError,
    RateLimitedError,
    SearchBusyError,
)

logger = logging.getLogger(__name__)


def _text(error: GuestAccessError) -> str:
    if isinstance(error, RateLimitedError):
        return texts.rate_limited(error.retry_after)
    if isinstance(error, SearchBusyError):
        return texts.busy()
    if isinstance(error, NoSearchError):
        return texts.expired()
    if isinstance(error, NotJoinedError | ConsentRequiredError):
        return texts.join_first()
    return texts.expired()


async def refused(event: ErrorEvent) -> None:
    error = event.exception
    assert isinstance(error, GuestAccessError)
    text = _text(error)
    logger.info("guest update %d refused: %s", event.update.update_id, type(error).__name__)
    update = event.update
    try:
        if update.message is not None:
            await update.message.reply(text)
        elif update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
    except TelegramAPIError as failure:
        logger.warning("could not answer update %d: %s", update.update_id, failure)


def router() -> Router:
    built = Router(name=__name__)
    built.errors.register(refused, ExceptionTypeFilter(GuestAccessError))
    return built
