"""From a guest's photo to what they see: join by QR code, or search, then the album.

A photo is first read for the event's QR code (a guest photographing the poster
joins that way); only a photo without one is taken as a selfie. The album goes
out as the first page of sure matches, then a summary with counts, a share link
and the buttons; later pages follow on request.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, Message

from eventlens.bot.guest import texts
from eventlens.bot.guest.album_sender import AlbumSender
from eventlens.bot.keyboards.guest import (
    another_selfie,
    consent_keyboard,
    face_choice,
    page_keyboard,
)
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.errors import ImageError, NoFaceError
from eventlens.core.guests.membership import Joined
from eventlens.core.guests.selfie_search import FaceChoice, SearchResult
from eventlens.core.search.album import PAGE_SIZE, Album
from eventlens.core.search.matches import Tier
from eventlens.services import Services

SENT_KEY = "sent_messages"  # FSM data: face id -> message id of its preview
REFINING = "guest:refining"  # FSM state: the next selfie refines the current search


async def answer_join(message: Message, joined: Joined, services: Services) -> None:
    if joined.needs_consent:
        await message.answer(
            texts.consent_notice(joined.event.name, services.settings.share_link_days),
            reply_markup=consent_keyboard(joined.event.id),
        )
    else:
        await message.answer(texts.send_selfie(joined.event.name))


async def take_photo(
    message: Message,
    data: bytes,
    bot: Bot,
    caller: Caller,
    services: Services,
    sender: AlbumSender,
    state: FSMContext,
) -> None:
    """A photo from a guest: the event's QR code joins, anything else is a selfie."""
    await bot.send_chat_action(message.chat.id, "typing")
    joined = await services.guests.join_by_photo(caller.id, data, caller.locale)
    if joined is not None:
        await answer_join(message, joined, services)
        return
    event = await services.guests.current_event(caller.id)
    if event is None:
        await message.answer(texts.join_first())
        return
    join = await services.guests.joined(caller.id, event.id)
    if join is not None and not join.consented:
        await answer_join(message, Joined(event, join, False), services)
        return
    refine = await state.get_state() == REFINING
    await state.set_state(None)
    await bot.send_chat_action(message.chat.id, "upload_photo")
    try:
        outcome = await services.guest_search.selfie(caller.id, event.id, data, refine=refine)
    except NoFaceError:
        await message.answer(texts.no_face())
        return
    except ImageError:
        await message.answer(texts.unreadable())
        return
    if isinstance(outcome, FaceChoice):
        await message.answer_photo(
            BufferedInputFile(outcome.image, filename="faces.jpg"),
            caption=texts.which_face(),
            reply_markup=face_choice(outcome.count),
        )
        return
    await show_result(bot, message.chat.id, caller, outcome, services, sender, state)


async def show_result(
    bot: Bot,
    chat_id: int,
    caller: Caller,
    result: SearchResult,
    services: Services,
    sender: AlbumSender,
    state: FSMContext,
) -> None:
    event = await services.events.by_id(result.event_id)
    name = event.name if event else ""
    album = result.album
    if album.empty:
        await bot.send_message(chat_id, texts.nothing_found(name), reply_markup=another_selfie())
        return
    await state.update_data({SENT_KEY: {}})
    tier: Tier = "sure" if album.sure else "maybe"
    link = await services.guests.share(caller.id, result.event_id)
    summary = texts.album_summary(name, album, link, services.settings.share_link_days)
    await show_page(bot, chat_id, album, tier, 0, sender, state, summary)


async def show_page(
    bot: Bot,
    chat_id: int,
    album: Album,
    tier: Tier,
    number: int,
    sender: AlbumSender,
    state: FSMContext,
    text: str | None = None,
) -> None:
    page = album.page(tier, number)
    if not page.matches:
        await bot.send_message(chat_id, texts.expired())
        return
    offset = 0 if tier == "sure" else len(album.sure)
    first = offset + number * PAGE_SIZE + 1
    ids = await sender.send_previews(bot, chat_id, [m.photo_id for m in page.matches], first)
    sent = dict((await state.get_data()).get(SENT_KEY, {}))
    sent.update({m.face_id: message_id for m, message_id in zip(page.matches, ids, strict=False)})
    await state.update_data({SENT_KEY: sent})
    total = len(album.sure) + len(album.maybe)
    header = texts.page_header(first, first + len(page.matches) - 1, total)
    await bot.send_message(
        chat_id,
        text or f"{header}\n{texts.page_hint()}",
        reply_markup=page_keyboard(page, first, len(album.maybe)),
    )
