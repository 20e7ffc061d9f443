"""/cull: a contact sheet of the selected event's flagged photos (blurred, eyes closed,
duplicates) with one button that hides them all from guests."""

from __future__ import annotations

import contextlib

from aiogram import Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.i18n import ngettext

from eventlens.bot.filters import is_photographer
from eventlens.bot.keyboards.events import CullHide, cull_hide
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.uploads.render import number
from eventlens.core.culling.desk import CullDesk, CullReport


def _caption(report: CullReport, shown: int) -> str:
    return ngettext(
        "«{event}»: {count} of {total} photo flagged, still shown to guests. "
        "B blurred, E eyes closed, D a better shot of the same moment exists.",
        "«{event}»: {count} of {total} photos flagged, still shown to guests. "
        "B blurred, E eyes closed, D a better shot of the same moment exists.",
        report.assessed,
    ).format(event=report.event.name, count=number(shown), total=number(report.assessed))


async def cull(message: Message, caller: Caller, cull: CullDesk) -> None:
    report = await cull.report(caller.id)
    to_hide = report.to_hide
    sheet = await cull.contact_sheet(report) if to_hide else None
    if sheet is None:
        await message.answer(
            ngettext(
                "Nothing to cull in «{event}»: {total} photo checked.",
                "Nothing to cull in «{event}»: {total} photos checked.",
                report.assessed,
            ).format(event=report.event.name, total=number(report.assessed))
        )
        return
    await message.answer_photo(
        BufferedInputFile(sheet, filename=f"{report.event.slug}-cull.jpg"),
        caption=_caption(report, len(to_hide)),
        reply_markup=cull_hide(len(to_hide)),
    )


async def hide(callback: CallbackQuery, caller: Caller, cull: CullDesk) -> None:
    hidden = await cull.hide_flagged(caller.id)
    text = ngettext(
        "{count} photo hidden from guests: albums, share links and live updates.",
        "{count} photos hidden from guests: albums, share links and live updates.",
        hidden,
    ).format(count=number(hidden))
    await callback.answer(text)
    if isinstance(callback.message, Message):
        with contextlib.suppress(TelegramBadRequest):  # pressed twice: not modified
            await callback.message.edit_caption(caption=text)


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(cull, Command("cull"), is_photographer)
    built.callback_query.register(hide, CullHide.filter())
    return built
