"""Fetch a Telegram file, refusing what the Bot API will not serve.

The cloud Bot API gives bots files up to 20 MB; a local Bot API server in
`--local` mode (EVENTLENS_TELEGRAM_API_URL + EVENTLENS_TELEGRAM_API_LOCAL) up to
2 GB. The size Telegram announces is checked before asking, and again after
getFile, so a large file costs no download at all. A local server keeps every file
it fetched (selfies too) in its working directory, so the bot deletes each one as
soon as it has read it: nothing a guest sent outlives the search there.
"""

from __future__ import annotations

import io
import logging
import tempfile
from pathlib import Path
from typing import BinaryIO

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest

from eventlens.core.refusals import FileTooLargeError

logger = logging.getLogger(__name__)


def check_size(size: int | None, limit: int) -> None:
    if size is not None and size > limit:
        raise FileTooLargeError(size, limit)


async def _file_path(bot: Bot, file_id: str, size: int | None, limit: int) -> str:
    check_size(size, limit)
    try:
        file = await bot.get_file(file_id)
    except TelegramBadRequest as error:
        if "too big" in error.message.lower():
            raise FileTooLargeError(size or limit + 1, limit) from error
        raise
    check_size(file.file_size, limit)
    if not file.file_path:
        raise FileTooLargeError(size or limit + 1, limit)
    return file.file_path


async def fetch_bytes(bot: Bot, file_id: str, size: int | None, limit: int) -> bytes:
    path = await _file_path(bot, file_id, size, limit)
    buffer = io.BytesIO()
    await download(bot, path, buffer)
    return buffer.getvalue()


async def fetch_to_folder(
    bot: Bot, file_id: str, size: int | None, limit: int, folder: Path
) -> Path:
    """Stream into a new file under `folder`; the caller owns (and removes) it."""
    path = await _file_path(bot, file_id, size, limit)
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, suffix=".download")
    target = Path(name)
    try:
        with open(handle, "wb") as stream:
            await download(bot, path, stream)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


async def download(bot: Bot, file_path: str, destination: BinaryIO) -> None:
    """Copy the file into `destination`; a local Bot API server's copy is deleted after."""
    api = bot.session.api
    try:
        await bot.download_file(file_path, destination=destination)
    finally:
        if api.is_local:
            local = Path(api.wrap_local_file.to_local(file_path))
            try:
                local.unlink(missing_ok=True)
            except OSError as error:  # the server's directory is not ours to write
                logger.warning("could not delete the Bot API server's copy: %s", error)
