"""Guest-side refusals as translated replies, by reason code (before the shared router)."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from eventlens.bot.reasons import describe
from eventlens.core.errors import GuestAccessError

logger = logging.getLogger(__name__)


async def refused(event: ErrorEvent) -> None:
    error = event.exception
    assert isinstance(error, GuestAccessError)
    text = describe(error.why)
    logger.info("guest update %d refused: %s", event.update.update_id, error.code)
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
