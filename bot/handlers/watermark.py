"""/watermark: the selected event's watermark on guests' previews, drafted and tried on.

The photographer sends a logo (a photo or an image file) or types a text right
after /watermark; every change of position, size or opacity shows the draft on one
of the event's photos. Once a draft is shown, photos are uploads again, so a
forgotten draft never swallows an event's photos.
Save stores it for every guest preview from then on, Remove takes the saved one
off, Cancel (or /cancel) leaves everything as it was. The draft is kept in the
chat's state (a logo as base64, so any FSM storage can keep it).
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from eventlens.bot.filters import is_photographer
from eventlens.bot.keyboards.watermark import OPACITIES, SIZES, WatermarkButton, watermark_choices
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.uploads.download import fetch_bytes
from eventlens.core.events.watermark import Watermarks, logo_from
from eventlens.core.media.watermark import MAX_LOGO_BYTES, POSITIONS, Position, Watermark
from eventlens.settings import Settings

DEFAULT_POSITION: Position = "bottom_right"


class Drafting(StatesGroup):
    content = State()  # a logo or a text is expected
    styling = State()  # a draft is shown; photos are uploads again


def _stored(draft: Watermark) -> dict[str, Any]:
    logo = base64.b64encode(draft.logo).decode("ascii") if draft.logo is not None else None
    return {**dataclasses.asdict(draft), "logo": logo}


def _draft(data: dict[str, Any]) -> Watermark | None:
    kept = data.get("draft")
    if not isinstance(kept, dict):
        return None
    logo = base64.b64decode(kept["logo"]) if kept.get("logo") else None
    return Watermark(kept["text"], logo, kept["position"], kept["size"], kept["opacity"])


def _fresh(text: str | None, logo: bytes | None, before: Watermark | None) -> Watermark:
    """The new content in the style chosen so far (or the defaults)."""
    if before is None:
        return Watermark(text, logo, DEFAULT_POSITION, SIZES[1], OPACITIES[1])
    return dataclasses.replace(before, text=text, logo=logo)


async def start(
    message: Message, caller: Caller, watermarks: Watermarks, state: FSMContext
) -> None:
    current = await watermarks.current(caller.id)
    await state.set_state(Drafting.content)
    await state.update_data(draft=None, saved=current.watermark is not None)
    if current.watermark is None:
        await message.answer(
            _(
                "Send me the watermark for guests' previews of «{event}»: a logo as a photo or "
                "a file (a PNG with a transparent background looks best), or type a text such "
                "as © Your Studio. Originals stay clean."
            ).format(event=current.event.name)
        )
        return
    await state.update_data(draft=_stored(current.watermark))
    await _show(message, caller, watermarks, current.watermark, saved=True)


async def _show(
    message: Message, caller: Caller, watermarks: Watermarks, draft: Watermark, saved: bool
) -> None:
    picture = await watermarks.try_on(caller.id, draft)
    await message.answer_photo(
        BufferedInputFile(picture, filename="watermark.jpg"),
        caption=_(
            "This is how guests will see it. Choose the position, size and opacity, then Save. "
            "/watermark starts over with another logo or text."
        ),
        reply_markup=watermark_choices(draft, saved),
    )


async def got_text(
    message: Message, caller: Caller, watermarks: Watermarks, state: FSMContext
) -> None:
    data = await state.get_data()
    draft = _fresh(message.text or "", None, _draft(data))
    await _show(message, caller, watermarks, draft, bool(data.get("saved")))
    await state.update_data(draft=_stored(draft))
    await state.set_state(Drafting.styling)


async def got_logo(
    message: Message,
    bot: Bot,
    caller: Caller,
    settings: Settings,
    watermarks: Watermarks,
    state: FSMContext,
) -> None:
    if message.photo:
        file_id, size = message.photo[-1].file_id, message.photo[-1].file_size
    elif message.document is not None:
        file_id, size = message.document.file_id, message.document.file_size
    else:
        return
    limit = min(settings.download_limit_bytes, MAX_LOGO_BYTES)
    logo = await logo_from(await fetch_bytes(bot, file_id, size, limit))
    data = await state.get_data()
    draft = _fresh(None, logo, _draft(data))
    await _show(message, caller, watermarks, draft, bool(data.get("saved")))
    await state.update_data(draft=_stored(draft))
    await state.set_state(Drafting.styling)


async def pressed(
    callback: CallbackQuery,
    callback_data: WatermarkButton,
    caller: Caller,
    watermarks: Watermarks,
    state: FSMContext,
) -> None:
    data = await state.get_data()
    draft = _draft(data)
    await callback.answer()
    message = callback.message
    if not isinstance(message, Message):
        return
    with contextlib.suppress(TelegramBadRequest):  # already gone or pressed twice
        await message.edit_reply_markup(reply_markup=None)
    action, value = callback_data.action, callback_data.value
    if action == "cancel":
        await state.clear()
        await message.answer(_("Cancelled."))
    elif action == "remove":
        await state.clear()
        removed = await watermarks.clear(caller.id)
        await message.answer(
            _("Watermark removed: guests' previews of «{event}» are plain again.").format(
                event=removed.event.name
            )
        )
    elif draft is None:
        await state.clear()
        await message.answer(_("Send /watermark to choose a watermark again."))
    elif action == "save":
        await state.clear()
        saved = await watermarks.save(caller.id, draft)
        await message.answer(
            _(
                "Saved: guests' previews of «{event}» carry this watermark from now on; "
                "originals stay clean."
            ).format(event=saved.event.name)
        )
    else:
        draft = _restyled(draft, action, value)
        await _show(message, caller, watermarks, draft, bool(data.get("saved")))
        await state.update_data(draft=_stored(draft))


def _restyled(draft: Watermark, action: str, value: str) -> Watermark:
    if action == "position":
        position = next((known for known in POSITIONS if known == value), draft.position)
        return dataclasses.replace(draft, position=position)
    number = float(value)
    if action == "size" and number in SIZES:
        return dataclasses.replace(draft, size=number)
    if action == "opacity" and number in OPACITIES:
        return dataclasses.replace(draft, opacity=number)
    return draft


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(start, Command("watermark"), is_photographer)
    built.message.register(got_text, Drafting.content, F.text & ~F.text.startswith("/"))
    built.message.register(got_logo, Drafting.content, F.photo | F.document)
    built.callback_query.register(pressed, WatermarkButton.filter())
    return built
