"""What a guest sees for each answer of the guest use case (`core.guests.desk`).

Rendering only: every decision (join by QR code, guards, face choice, search,
share link) was made in core. An album goes out as the first page of sure
matches, then a summary with counts, the share link and the buttons; later
pages follow on request.
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
from eventlens.bot.reasons import describe
from eventlens.core.guests.outcomes import (
    AlbumReady,
    FaceChoice,
    Found,
    Joined,
    JoinedEvent,
    NeedsConsent,
    NoEvent,
    PhotoOutcome,
)
from eventlens.core.reasons import Reason
from eventlens.core.search.album import PAGE_SIZE, Album
from eventlens.core.search.matches import Tier
from eventlens.settings import Settings

SENT_KEY = "sent_messages"  # FSM data: face id -> message id of its preview
REFINING = "guest:refining"  # FSM state: the next selfie refines the current search


async def show_joined(message: Message, joined: Joined, settings: Settings) -> None:
    if isinstance(joined, NeedsConsent):
        await message.answer(
            texts.consent_notice(joined.event.name, settings.share_link_days),
            reply_markup=consent_keyboard(joined.event.id),
        )
    else:
        await message.answer(texts.send_selfie(joined.event.name))


async def show_photo_outcome(
    message: Message,
    outcome: PhotoOutcome,
    bot: Bot,
    sender: AlbumSender,
    state: FSMContext,
    settings: Settings,
) -> None:
    if isinstance(outcome, NoEvent):
        await message.answer(texts.join_first())
    elif isinstance(outcome, FaceChoice):
        await message.answer_photo(
            BufferedInputFile(outcome.image, filename="faces.jpg"),
            caption=texts.which_face(),
            reply_markup=face_choice(outcome.count),
        )
    elif isinstance(outcome, NeedsConsent | JoinedEvent):
        await show_joined(message, outcome, settings)
    else:
        await show_found(bot, message.chat.id, outcome, sender, state, settings)


async def show_found(
    bot: Bot,
    chat_id: int,
    found: Found,
    sender: AlbumSender,
    state: FSMContext,
    settings: Settings,
) -> None:
    if not isinstance(found, AlbumReady):
        await bot.send_message(
            chat_id, texts.nothing_found(found.event.name), reply_markup=another_selfie()
        )
        return
    await state.update_data({SENT_KEY: {}})
    album = found.album
    tier: Tier = "sure" if album.sure else "maybe"
    advice = describe(Reason(found.advice)) if found.advice else None
    summary = texts.album_summary(
        found.event.name, album, found.link, settings.share_link_days, advice
    )
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
