"""Photos, original files and ZIPs from photographers: stored and queued silently, or
refused with the reason."""

from __future__ import annotations

import errno
import io
import os
import tempfile
import zipfile
from typing import Any, BinaryIO

import pytest
from aiogram.methods import GetFile, SendChatAction
from aiogram.types import Voice

from eventlens.bot.uploads import download
from tests.bot.handlers.steps import event_card, joined, noise_jpeg
from tests.bot.harness import ADMIN, STRANGER, BotHarness

MEGABYTE = 1024 * 1024


def _zip(*members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, data in enumerate(members):
            archive.writestr(f"photo-{number}.jpg", data)
    return buffer.getvalue()


async def _pending(harness: BotHarness) -> str:
    """The /stats line that counts photos still waiting to be indexed."""
    lines = (await harness.send(ADMIN, "/stats")).texts[0].split("\n")
    return next(line for line in lines if "being indexed" in line)


async def test_photos_and_image_files_are_queued_without_a_reply(harness: BotHarness) -> None:
    await event_card(harness)
    assert (await harness.send_photo(ADMIN, noise_jpeg(10))).texts == []
    original = await harness.send_document(ADMIN, noise_jpeg(11), "IMG_0001.JPG", "image/jpeg")
    assert original.texts == []
    unnamed = await harness.send_document(ADMIN, noise_jpeg(12), None, "application/octet-stream")
    assert unnamed.texts == []
    assert await _pending(harness) == "3 photos still being indexed"


async def test_a_co_photographer_uploads_to_the_invited_event(harness: BotHarness) -> None:
    await joined(harness, STRANGER, await event_card(harness))
    assert (await harness.send_photo(STRANGER, noise_jpeg(13))).texts == []
    assert await _pending(harness) == "1 photo still being indexed"


async def test_the_same_photo_after_indexing_is_not_added_again(harness: BotHarness) -> None:
    await event_card(harness)
    first = await harness.send_photo(ADMIN, noise_jpeg(14))
    assert first.texts == []
    resent = await harness.send_photo(ADMIN, noise_jpeg(14))  # still queued: taken as is
    assert resent.texts == []
    await harness.app.services.indexer.work(lambda: True)
    again = await harness.send_photo(ADMIN, noise_jpeg(14))
    assert len(again.texts) == 1
    assert again.texts[0].startswith("Not added: already in the event as photo-")


async def test_unreadable_and_unsupported_files_are_refused(harness: BotHarness) -> None:
    await event_card(harness)
    broken = await harness.send_document(ADMIN, b"not a jpeg at all", "broken.jpg", "image/jpeg")
    assert broken.texts == ["Not added: not an image I can read."]
    notes = await harness.send_document(ADMIN, b"hello", "notes.txt", "text/plain")
    assert notes.texts == [
        "I cannot index notes.txt: send photos (JPEG, PNG, WebP, HEIC) or a ZIP of them."
    ]
    assert not notes.of(GetFile)  # refused before any download
    voice = Voice(file_id="voice-1", file_unique_id="u-voice-1", duration=3)
    spoken = await harness.feed(harness.updates.message(ADMIN, voice=voice))
    assert spoken.texts == [
        "I only index photos: send them as photos, as files (JPEG, PNG, WebP, HEIC) or in a ZIP."
    ]


async def test_a_zip_is_taken_whole_and_unpacked_later(harness: BotHarness) -> None:
    await event_card(harness)
    archive = _zip(noise_jpeg(15), noise_jpeg(16))
    replies = await harness.send_document(ADMIN, archive, "party.zip", "application/zip")
    assert replies.texts == []
    assert replies.of(SendChatAction)[0].action == "upload_document"
    sniffed = await harness.send_document(ADMIN, _zip(noise_jpeg(17)), "photos", "")
    assert sniffed.texts == []
    (batch,) = await harness.app.services.batches.open()
    state = await harness.app.services.batches.state(batch)
    assert state.unpacking == (("party.zip", 0), ("photos", 0))
    assert not state.finished


async def test_files_over_the_download_limit_are_refused_unread(harness: BotHarness) -> None:
    await event_card(harness)
    announced = await harness.send_document(
        ADMIN, noise_jpeg(18), "huge.jpg", "image/jpeg", announced=25 * MEGABYTE
    )
    assert announced.texts == [
        "This file is 25 MB, but bots can download at most 20 MB from Telegram. "
        "Split it into smaller files or ZIPs."
    ]
    assert not announced.of(GetFile)
    # No size in the message; getFile answers "file is too big" as the cloud API does.
    harness.session.add_file("huge-2", noise_jpeg(19), too_big=True)
    unannounced = await harness.feed(
        harness.updates.document(ADMIN, "huge-2", "huge2.jpg", "image/jpeg", size=None)
    )
    assert unannounced.texts[0].startswith("This file is 21 MB, but bots can download at most")
    assert harness.session.downloads == []


async def test_uploads_need_a_selected_open_event(harness: BotHarness) -> None:
    no_event = await harness.send_photo(ADMIN, noise_jpeg(20))
    assert no_event.texts == [
        "No event is selected. Choose one with /use (or create one with /newevent), "
        "then send the photos again."
    ]
    await event_card(harness, "Wedding")
    await harness.send(ADMIN, "/close")
    closed = await harness.send_document(ADMIN, noise_jpeg(21), "a.jpg", "image/jpeg")
    assert closed.texts == ["«Wedding» is closed and takes no uploads; its owner can /reopen it."]
    assert harness.session.downloads == []


async def test_a_full_disk_while_a_zip_is_spooled_says_so_and_keeps_nothing(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    await event_card(harness)

    async def disk_full(bot: object, file_path: str, destination: BinaryIO) -> None:
        destination.write(b"PK\x03\x04")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(download, "download", disk_full)
    archive = _zip(noise_jpeg(30), noise_jpeg(31))
    named = await harness.send_document(ADMIN, archive, "party.zip", "application/zip")
    real_mkstemp = tempfile.mkstemp

    def no_space(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if str(kwargs.get("suffix")) == ".download":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_mkstemp(*args, **kwargs)

    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "mkstemp", no_space)
    sniffed = await harness.send_document(ADMIN, archive, "photos", "")

    full = "Not added: the server is out of disk space; please tell the EventLens admin."
    assert named.texts == [full]
    assert sniffed.texts == [full]
    incoming = harness.app.services.settings.incoming_dir
    assert not incoming.exists() or list(incoming.iterdir()) == []
    monkeypatch.undo()
    assert (await harness.send_photo(ADMIN, noise_jpeg(32))).texts == []  # the next one is taken
    assert await _pending(harness) == "1 photo still being indexed"
