"""The /watermark buttons: position, size and opacity of the draft, then Save/Remove/Cancel.

Callback data carries only the choice; the draft itself lives in the chat's state
and saving re-checks the caller's rights in core.
"""

from __future__ import annotations

from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from eventlens.core.media.watermark import Position, Watermark

Action = Literal["position", "size", "opacity", "save", "remove", "cancel"]
POSITION_LABELS: dict[Position, str] = {
    "top_left": "↖",
    "top_right": "↗",
    "center": "⊙",
    "bottom_left": "↙",
    "bottom_right": "↘",
    "tiled": "▦",
}
SIZES = (0.15, 0.25, 0.4)
OPACITIES = (0.3, 0.6, 1.0)


class WatermarkButton(CallbackData, prefix="wm"):
    action: Action
    value: str = ""


def _ticked(label: str, chosen: bool) -> str:
    return f"• {label} •" if chosen else label


def watermark_choices(draft: Watermark, saved: bool) -> InlineKeyboardMarkup:
    """Positions, sizes, opacities (the draft's ticked), then Save, Remove (when one is
    saved) and Cancel."""
    builder = InlineKeyboardBuilder()
    for position, label in POSITION_LABELS.items():
        builder.button(
            text=_ticked(label, position == draft.position),
            callback_data=WatermarkButton(action="position", value=position),
        )
    size_labels = (_("Small"), _("Medium"), _("Large"))
    for size, label in zip(SIZES, size_labels, strict=True):
        builder.button(
            text=_ticked(label, size == draft.size),
            callback_data=WatermarkButton(action="size", value=str(size)),
        )
    for opacity in OPACITIES:
        builder.button(
            text=_ticked(f"{round(opacity * 100)}%", opacity == draft.opacity),
            callback_data=WatermarkButton(action="opacity", value=str(opacity)),
        )
    builder.button(text=_("Save"), callback_data=WatermarkButton(action="save"))
    if saved:
        builder.button(text=_("Remove"), callback_data=WatermarkButton(action="remove"))
    builder.button(text=_("Cancel"), callback_data=WatermarkButton(action="cancel"))
    builder.adjust(3, 3, 3, 3, 3 if saved else 2)
    return builder.as_markup()
