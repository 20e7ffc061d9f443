"""Memberships, selections, upload batches and archives, Telegram file ids."""

from __future__ import annotations

import pytest

from eventlens.core.reasons import Code, Reason
from eventlens.storage.batches import BatchStore
from eventlens.storage.db import Database
from eventlens.storage.events import Event, EventStore
from eventlens.storage.jobs import JobQueue, Skip
from eventlens.storage.members import MemberStore
from eventlens.storage.photos import PhotoStore
from eventlens.storage.selection import SelectionStore
from eventlens.storage.telegram_files import TelegramFile, TelegramFileStore


@pytest.fixture
async def event(db: Database) -> Event:
    return await EventStore(db).create("gala", "Gala", "buffalo_s", owner_id=1)


async def test_members_roles_and_counts(db: Database, event: Event) -> None:
    members = MemberStore(db)
    assert await members.add(event.id, 1, "owner")
    assert await members.add(event.id, 2, "photographer")
    assert not await members.add(event.id, 1, "photographer"), "an owner stays owner"
    assert await members.role(event.id, 1) == "owner"
    assert await members.role(event.id, 3) is None
    assert await members.has_any(2) and not await members.has_any(3)
    assert [m.event.slug for m in await members.events_of(2)] == ["gala"]
    counts = await EventStore(db).counts(event.id)
    assert (counts.photos, counts.faces, counts.guests, counts.photographers) == (0, 0, 0, 2)


async def test_selection_follows_the_event(db: Database, event: Event) -> None:
    selection = SelectionStore(db)
    assert await selection.get(1) is None
    await selection.set(1, event.id)
    await selection.set(1, event.id)
    assert await selection.get(1) == event.id
    await EventStore(db).delete(event.id)
    assert await selection.get(1) is None


async def test_a_chat_keeps_one_open_batch_per_event_until_it_is_finished(
    db: Database, event: Event
) -> None:
    batches, photos = BatchStore(db), PhotoStore(db)
    batch, created = await batches.open_for(event.id, 1, 100, 7, "ru")
    again, created_again = await batches.open_for(event.id, 1, 100, 8, "en")
    assert created and not created_again and again == batch
    other, created_other = await batches.open_for(event.id, 1, 200, 9, "en")
    assert created_other and other.id != batch.id

    await photos.add(event.id, "a" * 64, "a.jpg", 10, batch.id, 1)
    assert not await batches.finish(batch.id, 0, 0), "a job arrived after the count"
    assert await batches.finish(batch.id, 1, 0)
    assert [b.id for b in await batches.open_batches()] == [other.id]
    fresh, created_fresh = await batches.open_for(event.id, 1, 100, 10, "en")
    assert created_fresh and fresh.id != batch.id


async def test_archive_progress_and_skips_advance_together(db: Database, event: Event) -> None:
    batches = BatchStore(db)
    batch, _ = await batches.open_for(event.id, 1, 100, None, "en")
    archive = await batches.add_archive(batch.id, event.id, "f" * 64, "party.zip")
    assert await PhotoStore(db).sha_in_use("f" * 64), "the stored ZIP is still needed"
    await batches.advance_archive(
        archive, 200, [Skip("party.zip:x.txt", Reason(Code.NOT_AN_IMAGE))]
    )
    (pending,) = await batches.pending_archives(batch_id=batch.id)
    assert pending.entries_done == 200
    assert not await batches.finish(batch.id, 0, 1), "the archive is still being unpacked"
    await batches.advance_archive(
        pending,
        250,
        [Skip("party.zip:y.txt", Reason(Code.DUPLICATE, {"source": "y.jpg"}))],
        finished=True,
    )
    assert await batches.pending_archives(event_id=event.id) == []
    assert not await PhotoStore(db).sha_in_use("f" * 64)
    assert [s.source for s in await batches.skips(batch.id)] == [
        "party.zip:x.txt",
        "party.zip:y.txt",
    ]
    assert await batches.skip_count(batch.id) == 2 == len(await JobQueue(db).skips(batch.id))


async def test_telegram_files_find_photos_and_go_with_them(db: Database, event: Event) -> None:
    photos, files = PhotoStore(db), TelegramFileStore(db)
    photo, _ = await photos.add(event.id, "b" * 64, "b.jpg", 10, "batch", 1)
    await files.remember(TelegramFile(photo.id, "U1", "F1", "photo"))
    await files.remember(TelegramFile(photo.id, "U1", "F1-newer", "photo"))
    assert await files.photos_with(["U0", "U1"]) == [photo.id]
    assert [f.file_id for f in await files.of_photo(photo.id)] == ["F1-newer"]
    await photos.remove(photo.id)
    assert await files.photos_with(["U1"]) == []
