"""The fault corpus: hostile files, a full disk and a Telegram outage, through the
real bot over the fake Bot API.

Each case asserts the clear reply the person gets, that the bot still serves the
next upload or guest, and that nothing is half-written: SQLite, the Chroma
collections and the blob folder agree (`assert_consistent`). One bot serves the
whole module; each photographer case has its own admin, chat and event.
"""

from __future__ import annotations

import asyncio
import errno
import io
import os
import time
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image

from eventlens.core.faces.engine import FaceEngine
from eventlens.storage.blobs import BlobStore
from tests.e2e.conftest import RunningBot, bot_running, settings_for
from tests.e2e.fake_bot_api import ApiError, FakeBotAPI
from tests.e2e.flows import create_event, upload_summary
from tests.e2e.guest_flows import album_photo_ids, gala, joined_guest, selfie_album
from tests.e2e.photos import event_photos, zip_of
from tests.e2e.telegram_user import FakeUser

GALA_OWNER, ZIP_OWNER, FULL_DISK_OWNER, OUTAGE_OWNER = 1101, 1102, 1103, 1104
STRANGER, GUEST = 9001, 9002


@pytest.fixture(scope="module")
async def api() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI()
    await server.start()
    try:
        yield server
    finally:
        await server.close()


@pytest.fixture(scope="module")
async def bot(
    api: FakeBotAPI, engine: FaceEngine, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningBot]:
    owners = frozenset({GALA_OWNER, ZIP_OWNER, FULL_DISK_OWNER, OUTAGE_OWNER})
    settings = settings_for(tmp_path_factory.mktemp("faults") / "home", api, owners)
    async with bot_running(settings, engine) as running:
        yield running


async def assert_consistent(running: RunningBot) -> None:
    """Every photo row is indexed with its original on disk, each event's collection
    holds exactly its faces, and the blob folder holds nothing else (no `.part`)."""
    services = running.services
    unfinished = await services.db.fetch_one(
        "SELECT COUNT(*) FROM photos WHERE status != 'indexed'"
    )
    assert unfinished is not None and unfinished[0] == 0
    rows = await services.db.fetch_all("SELECT event_id, COUNT(*) FROM faces GROUP BY event_id")
    faces = {str(row[0]): int(row[1]) for row in rows}
    collections = await asyncio.to_thread(services.vectors.event_ids)
    assert set(faces) <= collections <= await services.photos.event_ids()
    for event_id in collections:
        count = await asyncio.to_thread(services.vectors.count, event_id)
        assert count == faces.get(event_id, 0), f"event {event_id}: Chroma and SQLite differ"
    shas = {str(row[0]) for row in await services.db.fetch_all("SELECT sha256 FROM photos")}
    files = [path for path in running.settings.blobs_dir.glob("??/??/*") if path.is_file()]
    assert not [path for path in files if path.name.endswith(".part")], "a half-written blob"
    assert {path.name for path in files if "." not in path.name} == shas


async def summaries_containing(owner: FakeUser, lines: list[str]) -> str:
    """The chat's upload summaries, read until every line has appeared in one of them."""
    seen = ""
    while any(line not in seen for line in lines):
        seen += "\n" + (await upload_summary(owner, timeout=90)).text
    return seen


def flat_png(side: int) -> bytes:
    output = io.BytesIO()
    Image.new("L", (side, side)).save(output, "PNG")
    return output.getvalue()


def with_bad_crc(archive: bytes, name: str) -> bytes:
    """The archive with `name`'s CRC wrong in both headers: it fails once read whole."""
    with zipfile.ZipFile(io.BytesIO(archive)) as parsed:
        crc = parsed.getinfo(name).CRC
    return archive.replace(crc.to_bytes(4, "little"), (crc ^ 0xFFFFFFFF).to_bytes(4, "little"))


def overlapping_zip() -> bytes:
    """Three directory records pointing at one compressed stream (a known bomb shape)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.jpg", b"\0" * 100_000)
    single = buffer.getvalue()
    directory, end = single.index(b"PK\x01\x02"), single.index(b"PK\x05\x06")
    record = single[directory:end]
    copies = [record.replace(b"a.jpg", f"{i}.jpg".encode()) for i in range(2)]
    tail = bytearray(single[end:])
    tail[8:10] = tail[10:12] = (1 + len(copies)).to_bytes(2, "little")
    tail[12:16] = (len(record) * (1 + len(copies))).to_bytes(4, "little")
    return single[:directory] + record + b"".join(copies) + bytes(tail)


def claiming_entries(count: int, photo: bytes) -> bytes:
    """A one-photo ZIP whose end record claims `count` entries."""
    data = bytearray(zip_of([("a.jpg", photo)]))
    end = data.rindex(b"PK\x05\x06")
    data[end + 8 : end + 10] = data[end + 10 : end + 12] = count.to_bytes(2, "little")
    return bytes(data)


async def test_a_huge_png_from_a_stranger_is_refused_and_guests_still_get_albums(
    bot: RunningBot, api: FakeBotAPI, tmp_path: Path
) -> None:
    event = await gala(bot, api, FakeUser(api, GALA_OWNER, "Gil"), tmp_path / "demo")
    bomb = flat_png(10_900)  # ~370 KB sent, 119 MP (1.6 GiB) if it were decoded
    stranger = FakeUser(api, STRANGER, "Eve")

    await stranger.send_document(bomb, "poster.png", "image/png")

    refusal = await stranger.expect_message()
    assert refusal.text == (
        "This picture has too many pixels for me to read. Send your selfie as a photo, "
        "not as a file."
    )
    guest = FakeUser(api, GUEST, "Yao")
    await joined_guest(guest, event)
    album = await selfie_album(guest, event.selfie)
    assert album_photo_ids(album) == event.with_guest
    await assert_consistent(bot)


async def test_hostile_archives_are_listed_as_skips_and_the_next_upload_indexes(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    owner = FakeUser(api, ZIP_OWNER, "Ola")
    await create_event(owner, "Hostile zips")
    good, bad, single, after = event_photos(4, seed=21)
    crc = with_bad_crc(zip_of([("good.jpg", good), ("bad.jpg", bad)]), "bad.jpg")

    await owner.send_document(crc, "crc.zip", "application/zip")
    await owner.send_document(overlapping_zip(), "overlap.zip", "application/zip")
    await owner.send_document(claiming_entries(30_000, single), "many.zip", "application/zip")

    seen = await summaries_containing(
        owner,
        [
            "• crc.zip:bad.jpg: corrupt inside the ZIP",
            "• overlap.zip: suspicious compression (ZIP bomb)",
            "• many.zip: the ZIP holds 30000 files, over the limit of 20000",
        ],
    )
    assert "Photos indexed: 1 ·" in seen  # good.jpg, and nothing of the others
    await owner.send_photo(after)
    assert "Photos indexed: 1 ·" in (await upload_summary(owner)).text
    event = await bot.services.events.by_slug("hostile-zips")
    assert event is not None and len(await bot.services.photos.of_event(event.id)) == 2
    await assert_consistent(bot)


async def test_a_full_disk_refuses_the_upload_cleanly_and_the_next_one_works(
    bot: RunningBot, api: FakeBotAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner = FakeUser(api, FULL_DISK_OWNER, "Fay")
    await create_event(owner, "Full disk")
    doomed, later = event_photos(2, seed=22)
    real_put = BlobStore.put

    def put(store: BlobStore, data: bytes) -> str:
        if data == doomed:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_put(store, data)

    monkeypatch.setattr(BlobStore, "put", put)

    await owner.send_photo(doomed)

    reply = await owner.expect_message()
    assert reply.text == (
        "Not added: the server is out of disk space; please tell the EventLens admin."
    )
    await owner.send_photo(later)
    assert "Photos indexed: 1 ·" in (await upload_summary(owner)).text
    event = await bot.services.events.by_slug("full-disk")
    assert event is not None and len(await bot.services.photos.of_event(event.id)) == 1
    await assert_consistent(bot)


async def test_a_telegram_outage_delays_progress_but_loses_and_repeats_nothing(
    bot: RunningBot, api: FakeBotAPI
) -> None:
    owner = FakeUser(api, OUTAGE_OWNER, "Oz")
    await create_event(owner, "Outage")
    photos = event_photos(4, seed=23)
    down = ("sendMessage", "editMessageText")
    started = time.monotonic()
    ends = api.outage(
        down,
        [
            (3.0, ApiError(502, "Bad Gateway")),
            (3.0, ApiError(429, "Too Many Requests: retry after 1", retry_after=1)),
        ],
    )

    for photo in photos:
        await owner.send_photo(photo)

    summary = await upload_summary(owner)
    assert "Photos indexed: 4 ·" in summary.text
    refused = [call for call in api.calls if call.method in down and started <= call.at < ends]
    assert refused, "the bot did not even try during the outage"
    assert len([m for m in owner.messages() if "upload finished" in m.text]) == 1
    await owner.send("/stats")
    assert "«Outage» (outage)" in (await owner.expect_message()).text
    await assert_consistent(bot)
