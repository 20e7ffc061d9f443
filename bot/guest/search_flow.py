"""What a guest sees for each answer of the guest use case (`core.guests.desk`).

Rendering only: every decision (join by QR code, guards, face choice, search,
share link, which photos are sure) was made in core. Every sure photo goes out
unasked, in media groups at the chat's pace under one progress line, then a
closing message with counts, the share link and the buttons; a large album
offers its gallery first and is sent on request. Possible matches come only on
request, one marked photo each with ✓ and ✖.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from functools import partial

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, Message

from eventlens.bot.guest import texts
from eventlens.bot.guest.album_sender import AlbumSender
from eventlens.bot.keyboards.guest import (
    album_keyboard,
    another_selfie,
    consent_keyboard,
    face_choice,
    more_possible,
    possible_keyboard,
)
from eventlens.bot.reasons import describe
from eventlens.bot.web.mini_app import mini_app_url
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
from eventlens.core.search.matches import Match
from eventlens.settings import Settings

SENT_KEY = "sent_messages"  # FSM data: face id -> message id of its preview
BUTTONS_KEY = "album_buttons"  # FSM data: ids of messages with buttons for the current album
REFINING = "guest:refining"  # FSM state: the next selfie refines the current search


async def show_joined(message: Message, joined: Joined, settings: Settings) -> None:
    if isinstance(joined, NeedsConsent):
        await message.answer(
            texts.consent_notice(
                joined.event.name, settings.share_link_days, joined.event.guest_data_days
            ),
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
    """The whole album unasked (a large one: the gallery first), then the closing message."""
    if not isinstance(found, AlbumReady):
        await bot.send_message(
            chat_id, texts.nothing_found(found.event.name), reply_markup=another_selfie()
        )
        return
    await _retire_buttons(bot, chat_id, sender, state)
    await state.update_data({SENT_KEY: {}})
    album = found.album
    advice = describe(Reason(found.advice)) if found.advice else None
    summary = texts.album_summary(
        found.event.name, album, found.link, settings.share_link_days, advice
    )
    if album.large:
        summary += "\n\n" + texts.large_album(len(album.sure))
    else:
        await deliver(bot, chat_id, album, sender, state)
    keyboard = album_keyboard(
        album,
        send_all=album.large,
        hide=found.may_hide,
        gallery=mini_app_url(settings.public_url),
        buy_all=found.album_stars,
    )
    closing = await sender.paced(
        chat_id, 1, lambda: bot.send_message(chat_id, summary, reply_markup=keyboard)
    )
    await state.update_data({BUTTONS_KEY: [closing.message_id]})


async def deliver(
    bot: Bot, chat_id: int, album: Album, sender: AlbumSender, state: FSMContext
) -> None:
    """Every sure photo in media groups of up to 10, with one progress line edited as they go."""
    total, done, pages = len(album.sure), 0, album.pages("sure")
    progress = None
    if pages > 1:
        progress = await sender.paced(
            chat_id, 1, lambda: bot.send_message(chat_id, texts.progress(0, total))
        )
    for number in range(pages):
        page = album.page("sure", number)
        ids = await sender.send_previews(bot, chat_id, [m.photo_id for m in page.matches], done + 1)
        await _remember_sent(state, page.matches, ids)
        done += len(page.matches)
        if progress is not None:
            await _edit(bot, sender, progress, texts.progress(done, total))


async def show_possible(
    bot: Bot, chat_id: int, album: Album, sender: AlbumSender, state: FSMContext
) -> None:
    """The next possible matches not shown yet, one photo each, marked, with ✓ and ✖."""
    sent = dict((await state.get_data()).get(SENT_KEY, {}))
    waiting = [match for match in album.maybe if match.face_id not in sent]
    if not waiting:
        await sender.paced(chat_id, 1, lambda: bot.send_message(chat_id, texts.no_more()))
        return
    shown = waiting[:PAGE_SIZE]
    for match in shown:
        number = album.maybe.index(match) + 1
        message_id = await sender.send_marked(
            bot,
            chat_id,
            match.photo_id,
            texts.possible_caption(number, len(album.maybe)),
            possible_keyboard(match.face_id),
        )
        await _remember_sent(state, (match,), [message_id] if message_id else [])
    left = len(waiting) - len(shown)
    if left:
        keyboard = more_possible(1, left)
        offer = await sender.paced(
            chat_id,
            1,
            lambda: bot.send_message(chat_id, texts.possible_left(left), reply_markup=keyboard),
        )
        kept = list((await state.get_data()).get(BUTTONS_KEY, []))
        await state.update_data({BUTTONS_KEY: [*kept, offer.message_id]})


async def _remember_sent(state: FSMContext, matches: Sequence[Match], ids: Sequence[int]) -> None:
    sent = dict((await state.get_data()).get(SENT_KEY, {}))
    sent.update({m.face_id: message_id for m, message_id in zip(matches, ids, strict=False)})
    await state.update_data({SENT_KEY: sent})


async def _retire_buttons(bot: Bot, chat_id: int, sender: AlbumSender, state: FSMContext) -> None:
    """A new search: the previous album's buttons no longer apply, so they go."""
    for message_id in (await state.get_data()).get(BUTTONS_KEY, []):
        with contextlib.suppress(TelegramBadRequest):  # deleted, or already without buttons
            await sender.paced(chat_id, 1, partial(_no_buttons, bot, chat_id, message_id))
    await state.update_data({BUTTONS_KEY: []})


async def _no_buttons(bot: Bot, chat_id: int, message_id: int) -> object:
    return await bot.edit_message_reply_markup(
        chat_id=chat_id, message_id=message_id, reply_markup=None
    )


async def _edit(bot: Bot, sender: AlbumSender, message: Message, text: str) -> None:
    with contextlib.suppress(TelegramBadRequest):  # deleted by the guest meanwhile
        await sender.paced(
            message.chat.id,
            1,
            lambda: bot.edit_message_text(
                text, chat_id=message.chat.id, message_id=message.message_id
            ),
        )
