"""Photos, albums, original files and ZIPs from photographers.

Each file is downloaded, stored and queued (`Intake`) before anything is said;
the batch's progress message is the acknowledgement. A file we do not take gets
its own reply with the reason. Album items arrive as separate messages and land
in the same batch.
"""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
from pathlib import Path, PurePath

from aiogram import Bot, F, Router
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from bot.errors import UnsupportedFileError
from bot.filters import is_photographer
from bot.middlewares.caller import Caller
from bot.services.access import Access
from bot.uploads.download import check_size, fetch_bytes, fetch_to_folder
from bot.uploads.intake import FileRef, Intake, Origin
from bot.uploads.reasons import translate_reason
from core.archive import is_zip
from core.indexing import IngestResult
from eventlens.settings import Settings
from storage.events import Event

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".tif", ".tiff"})
ZIP_TYPES = frozenset({"application/zip", "application/x-zip-compressed"})
# Types that say nothing about the content: download and look at the bytes.
VAGUE_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})


def _origin(message: Message, caller: Caller) -> Origin:
    return Origin(caller.id, message.chat.id, message.message_id, caller.locale)


def document_kind(name: str, mime_type: str) -> str:
    """`zip`, `image`, `sniff` (look at the bytes) or `unsupported`, from the metadata."""
    extension = PurePath(name.lower()).suffix
    if extension == ".zip" or mime_type in ZIP_TYPES:
        return "zip"
    if extension in IMAGE_EXTENSIONS or mime_type.startswith("image/"):
        return "image"
    if mime_type in VAGUE_TYPES:
        return "sniff"
    return "unsupported"


async def _answer_refused(message: Message, result: IngestResult) -> None:
    if result.status in {"rejected", "duplicate"}:
        await message.reply(
            _("Not added: {reason}.").format(reason=translate_reason(result.reason or ""))
        )


async def photo(
    message: Message, bot: Bot, caller: Caller, access: Access, intake: Intake, settings: Settings
) -> None:
    event = await access.upload_target(caller.id)
    assert message.photo
    largest = message.photo[-1]
    data = await fetch_bytes(bot, largest.file_id, largest.file_size, settings.download_limit_bytes)
    ref = FileRef(largest.file_id, largest.file_unique_id, "photo")
    source = f"photo-{message.message_id}.jpg"
    await _answer_refused(
        message, await intake.image(event, _origin(message, caller), source, data, ref)
    )


async def document(
    message: Message, bot: Bot, caller: Caller, access: Access, intake: Intake, settings: Settings
) -> None:
    event = await access.upload_target(caller.id)
    assert message.document
    doc = message.document
    name = doc.file_name or f"file-{message.message_id}"
    kind = document_kind(name, (doc.mime_type or "").lower())
    if kind == "unsupported":
        raise UnsupportedFileError(name)
    limit = settings.download_limit_bytes
    check_size(doc.file_size, limit)
    if kind == "zip":
        await bot.send_chat_action(message.chat.id, "upload_document")
        path = await fetch_to_folder(bot, doc.file_id, doc.file_size, limit, settings.incoming_dir)
        await _take_archive(message, caller, intake, event, name, path)
        return
    data = await fetch_bytes(bot, doc.file_id, doc.file_size, limit)
    if is_zip(data[:4]):
        path = await asyncio.to_thread(_spool, data, settings.incoming_dir)
        await _take_archive(message, caller, intake, event, name, path)
        return
    ref = FileRef(doc.file_id, doc.file_unique_id, "document")
    await _answer_refused(
        message, await intake.image(event, _origin(message, caller), name, data, ref)
    )


def _spool(data: bytes, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, suffix=".download")
    with open(handle, "wb") as stream:
        stream.write(data)
    return Path(name)


async def _take_archive(
    message: Message, caller: Caller, intake: Intake, event: Event, name: str, path: Path
) -> None:
    try:
        with path.open("rb") as stream:
            zipped = is_zip(stream.read(4))
        if not zipped:
            raise UnsupportedFileError(name)
        await intake.archive(event, _origin(message, caller), name, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()  # still here only if the intake did not take it


async def other_media(message: Message) -> None:
    await message.reply(
        _("I only index photos: send them as photos, as files (JPEG, PNG, WebP, HEIC) or in a ZIP.")
    )


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(photo, F.photo, is_photographer)
    built.message.register(document, F.document, is_photographer)
    built.message.register(
        other_media,
        F.video | F.animation | F.video_note | F.audio | F.voice | F.sticker,
        is_photographer,
    )
    return built
