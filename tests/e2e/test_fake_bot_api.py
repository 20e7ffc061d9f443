"""The harness itself, driven by a plain aiogram Bot: what the guest side and later
features rely on (albums, documents, files, offsets, deletions) works as on Telegram."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramBadRequest, TelegramConflictError
from aiogram.methods import GetUpdates
from aiogram.types import BufferedInputFile, InputMediaDocument, InputMediaPhoto

from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.photos import event_photos
from tests.e2e.telegram_user import FakeUser


@pytest.fixture
async def bot(fake_api: FakeBotAPI) -> AsyncIterator[Bot]:
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake_api.url))
    client = Bot(fake_api.token, session=session)
    try:
        yield client
    finally:
        await client.session.close()


async def test_albums_documents_files_and_deletions(fake_api: FakeBotAPI, bot: Bot) -> None:
    guest = FakeUser(fake_api, 77)
    photos = event_photos(3, seed=12)
    sent = await bot.send_media_group(
        guest.id,
        [
            InputMediaPhoto(media=BufferedInputFile(data, f"{i}.jpg"))
            for i, data in enumerate(photos)
        ]
        + [InputMediaDocument(media=BufferedInputFile(b"%PDF", "terms.pdf"))],
    )
    assert len(sent) == 4 and len({m.media_group_id for m in sent}) == 1
    album = guest.messages()
    assert [fake_api.files[m.photo_file_id].data for m in album[:3]] == photos  # type: ignore[index]

    again = await bot.send_photo(guest.id, sent[0].photo[-1].file_id, caption="again")  # type: ignore[index]
    assert again.photo[-1].file_unique_id == sent[0].photo[-1].file_unique_id  # type: ignore[index]

    doc = await bot.send_document(guest.id, BufferedInputFile(b"hello", "note.txt"))
    assert doc.document is not None and doc.document.file_name == "note.txt"
    file = await bot.get_file(doc.document.file_id)
    buffer = io.BytesIO()
    await bot.download_file(file.file_path or "", buffer)
    assert buffer.getvalue() == b"hello"

    assert await bot.delete_message(guest.id, doc.message_id)
    assert guest.messages()[-1].deleted
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=guest.id, message_id=doc.message_id)
    await bot.edit_message_caption(chat_id=guest.id, message_id=1, caption="x")
    assert album[0].history == ["", "x"]
    with pytest.raises(TelegramBadRequest, match="not modified"):
        await bot.edit_message_caption(chat_id=guest.id, message_id=1, caption="x")
    too_big = fake_api.add_file(b"", size=21 * 1024 * 1024)
    with pytest.raises(TelegramBadRequest, match="file is too big"):
        await bot.get_file(too_big.file_id)


async def test_get_updates_offsets_and_a_second_poller(fake_api: FakeBotAPI, bot: Bot) -> None:
    user = FakeUser(fake_api, 88)
    await user.send("one")
    await user.send("two")
    first = await bot(GetUpdates(timeout=0))
    assert [u.message.text for u in first if u.message] == ["one", "two"]
    assert await bot(GetUpdates(offset=first[-1].update_id + 1, timeout=0)) == []

    waiting = asyncio.create_task(bot(GetUpdates(timeout=5)))
    await fake_api.wait_for(lambda: len(fake_api.calls_to("getUpdates")) == 3, what="a long poll")
    second = asyncio.create_task(bot(GetUpdates(timeout=5)))
    with pytest.raises(TelegramConflictError):
        await waiting
    await user.send("three")
    assert [u.message.text for u in await second if u.message] == ["three"]
