"""Photos, albums, original files and ZIPs from photographers.

Each file is stored and queued before anything is said; the batch's progress
message is the acknowledgement. A file we do not take gets its own reply with the
reason. Album items arrive as separate messages and land in the same batch. A photographer
whose last act was a guest's (core.events.modes) is served by the guest side instead.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from eventlens.bot.filters import is_uploading
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.reasons import describe
from eventlens.bot.uploads.receive import Receiver
from eventlens.core.events.access import Access
from eventlens.core.ingest.indexer import IngestResult
from eventlens.core.ingest.intake import FileRef, Origin


def _origin(message: Message, caller: Caller) -> Origin:
    return Origin(caller.id, message.chat.id, message.message_id, caller.locale)


async def _answer_refused(message: Message, result: IngestResult | None) -> None:
    if result is not None and result.reason is not None:
        await message.reply(_("Not added: {reason}.").format(reason=describe(result.reason)))


async def photo(message: Message, caller: Caller, access: Access, receiver: Receiver) -> None:
    event = await access.upload_target(caller.id)
    assert message.photo
    largest = message.photo[-1]
    ref = FileRef(largest.file_id, largest.file_unique_id, "photo")
    result = await receiver.photo(event, _origin(message, caller), ref, largest.file_size)
    await _answer_refused(message, result)


async def document(message: Message, caller: Caller, access: Access, receiver: Receiver) -> None:
    event = await access.upload_target(caller.id)
    assert message.document
    doc = message.document
    ref = FileRef(doc.file_id, doc.file_unique_id, "document")
    name = doc.file_name or f"file-{message.message_id}"
    origin = _origin(message, caller)
    result = await receiver.document(event, origin, ref, doc.file_size, name, doc.mime_type or "")
    await _answer_refused(message, result)


async def other_media(message: Message) -> None:
    await message.reply(
        _("I only index photos: send them as photos, as files (JPEG, PNG, WebP, HEIC) or in a ZIP.")
    )


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(photo, F.photo, is_uploading)
    built.message.register(document, F.document, is_uploading)
    built.message.register(
        other_media,
        F.video | F.animation | F.video_note | F.audio | F.voice | F.sticker,
        is_uploading,
    )
    return built
