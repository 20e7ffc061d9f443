"""With a local Bot API server, the bot deletes the server's copy of every file it read."""

from __future__ import annotations

import io
from pathlib import Path

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

from eventlens.bot.uploads.download import download


async def test_a_local_servers_copy_is_gone_once_read(tmp_path: Path) -> None:
    selfie = tmp_path / "bot-api" / "photos" / "file_7.jpg"
    selfie.parent.mkdir(parents=True)
    selfie.write_bytes(b"\xff\xd8 selfie bytes")
    server = TelegramAPIServer.from_base("http://127.0.0.1:9", is_local=True)
    bot = Bot("42:TOKEN", session=AiohttpSession(api=server))
    try:
        buffer = io.BytesIO()
        await download(bot, str(selfie), buffer)
    finally:
        await bot.session.close()

    assert buffer.getvalue() == b"\xff\xd8 selfie bytes"
    assert not selfie.exists()
