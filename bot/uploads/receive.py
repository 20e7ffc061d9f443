"""From a Telegram file to a stored upload: size check, download, sniff, intake.

Photos are small (Telegram recompresses them) and go through memory; documents
named or typed as ZIP stream to disk and are moved into the blob store whole. A
document whose type says nothing is downloaded and recognised by its bytes. Whether
a file is a ZIP is decided by `core.media.archive` alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import Literal

from aiogram import Bot

from eventlens.bot.uploads.download import check_size, fetch_bytes, fetch_to_folder
from eventlens.core.ingest.indexer import DISK_FULL, IngestResult
from eventlens.core.ingest.intake import FileRef, Intake, Origin
from eventlens.core.media.archive import claims_zip, is_zip, is_zip_file
from eventlens.core.records import Event
from eventlens.core.refusals import StorageFullError, UnsupportedFileError
from eventlens.settings import Settings

logger = logging.getLogger(__name__)

DocumentKind = Literal["zip", "image", "sniff", "unsupported"]

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".tif", ".tiff"})
# Types that say nothing about the content: download and look at the bytes.
VAGUE_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})


def document_kind(name: str, mime_type: str) -> DocumentKind:
    """What a document claims to be, from its name and MIME type alone."""
    if claims_zip(name, mime_type):
        return "zip"
    extension = PurePath(name.lower()).suffix
    if extension in IMAGE_EXTENSIONS or mime_type.startswith("image/"):
        return "image"
    if mime_type in VAGUE_TYPES:
        return "sniff"
    return "unsupported"


class Receiver:
    def __init__(self, bot: Bot, intake: Intake, settings: Settings) -> None:
        self._bot = bot
        self._intake = intake
        self._limit = settings.download_limit_bytes
        self._incoming = settings.incoming_dir

    async def photo(
        self, event: Event, origin: Origin, ref: FileRef, size: int | None
    ) -> IngestResult:
        data = await fetch_bytes(self._bot, ref.file_id, size, self._limit)
        source = f"photo-{origin.message_id}.jpg"
        return await self._intake.image(event, origin, source, data, ref)

    async def document(
        self, event: Event, origin: Origin, ref: FileRef, size: int | None, name: str, mime: str
    ) -> IngestResult | None:
        """The ingest result for an image; None for an archive (reported by its batch)."""
        kind = document_kind(name, mime.lower())
        if kind == "unsupported":
            raise UnsupportedFileError(name)
        check_size(size, self._limit)
        if kind == "zip":
            await self._bot.send_chat_action(origin.chat_id, "upload_document")
            with _disk_full_refused(name):
                path = await fetch_to_folder(
                    self._bot, ref.file_id, size, self._limit, self._incoming
                )
                await self._archive(event, origin, name, path)
            return None
        data = await fetch_bytes(self._bot, ref.file_id, size, self._limit)
        if is_zip(data):
            with _disk_full_refused(name):
                path = await asyncio.to_thread(_spool, data, self._incoming)
                await self._archive(event, origin, name, path)
            return None
        return await self._intake.image(event, origin, name, data, ref)

    async def _archive(self, event: Event, origin: Origin, name: str, path: Path) -> None:
        try:
            if not await asyncio.to_thread(is_zip_file, path):
                raise UnsupportedFileError(name)
            await self._intake.archive(event, origin, name, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()  # still here only if the intake did not take it


@contextlib.contextmanager
def _disk_full_refused(name: str) -> Iterator[None]:
    """A full disk while spooling or storing a download is the operator's to fix: log
    it, and tell the sender why the file was not taken (not a generic apology)."""
    try:
        yield
    except OSError as error:
        if error.errno not in DISK_FULL:
            raise
        logger.error("no disk space to take %s: %s", name, error)
        raise StorageFullError() from error


def clear_incoming(folder: Path) -> int:
    """Remove downloads a stopped bot left half-way: none of them was acknowledged."""
    removed = 0
    for leftover in folder.glob("*.download") if folder.is_dir() else ():
        leftover.unlink(missing_ok=True)
        removed += 1
    return removed


def _spool(data: bytes, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, suffix=".download")
    with open(handle, "wb") as stream:
        stream.write(data)
    return Path(name)
