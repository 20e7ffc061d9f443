"""The photographer's button under /price: make the event's originals free again."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder


class PriceFree(CallbackData, prefix="pf"):
    pass


def price_keyboard(priced: bool) -> InlineKeyboardMarkup | None:
    if not priced:
        return None
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Make originals free"), callback_data=PriceFree())
    return builder.as_markup()
