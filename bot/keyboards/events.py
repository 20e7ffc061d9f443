"""Buttons for choosing, creating and deleting events.

Callback data carries only an event id; handlers re-check the caller's rights,
so a forged button is refused like a typed command.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.keyboard import InlineKeyboardBuilder

from eventlens.core.records import Event

MAX_LABEL = 48


class EventPick(CallbackData, prefix="use"):
    event_id: str


class EventDeletion(CallbackData, prefix="delev"):
    event_id: str
    confirm: bool


class SkipDate(CallbackData, prefix="nodate"):
    pass


def _label(event: Event, selected: bool) -> str:
    name = event.name if len(event.name) <= MAX_LABEL else event.name[: MAX_LABEL - 1] + "…"
    return ("✅ " if selected else "") + name + (" 🔒" if event.closed else "")


def event_picker(events: Sequence[Event], selected_id: str | None) -> InlineKeyboardMarkup:
    """One button per event, one per row, the current one ticked, closed ones locked."""
    builder = InlineKeyboardBuilder()
    for event in events:
        builder.button(
            text=_label(event, event.id == selected_id),
            callback_data=EventPick(event_id=event.id),
        )
    builder.adjust(1)
    return builder.as_markup()


def deletion_confirm(event: Event) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("Delete for good"), callback_data=EventDeletion(event_id=event.id, confirm=True)
    )
    builder.button(text=_("Cancel"), callback_data=EventDeletion(event_id=event.id, confirm=False))
    builder.adjust(2)
    return builder.as_markup()


def skip_date() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("No date"), callback_data=SkipDate())
    return builder.as_markup()


class MemberRemoval(CallbackData, prefix="rmph"):
    event_id: str
    user_id: int


def member_removal(event: Event, user_ids: Sequence[int]) -> InlineKeyboardMarkup:
    """A remove button per co-photographer of /members, numbered like the list."""
    builder = InlineKeyboardBuilder()
    for number, user_id in enumerate(user_ids, start=1):
        builder.button(
            text=_("Remove {number}").format(number=number),
            callback_data=MemberRemoval(event_id=event.id, user_id=user_id),
        )
    builder.adjust(1)
    return builder.as_markup()


class HidingSwitch(CallbackData, prefix="hiding"):
    allowed: bool


def hiding_switch(allowed: bool) -> InlineKeyboardMarkup:
    """/hiding's one button: the other state of the switch."""
    builder = InlineKeyboardBuilder()
    label = _("Do not let guests hide photos") if allowed else _("Let guests hide photos")
    builder.button(text=label, callback_data=HidingSwitch(allowed=not allowed))
    return builder.as_markup()


class CullHide(CallbackData, prefix="cull"):
    count: int  # the flagged photos the button was offered for


def cull_hide(count: int) -> InlineKeyboardMarkup:
    """/cull's one button: hide every flagged photo from guests."""
    builder = InlineKeyboardBuilder()
    label = ngettext(
        "Hide {count} photo from guests", "Hide {count} photos from guests", count
    ).format(count=count)
    builder.button(text=label, callback_data=CullHide(count=count))
    return builder.as_markup()
