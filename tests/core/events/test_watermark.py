"""Setting an event's watermark: who may, what guests then see, and what stays on disk."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from eventlens.core.events.watermark import WatermarkStyleError, WatermarkTextError
from eventlens.core.media.previews import CHAT_LONG_SIDE, GRID_LONG_SIDE, preview_jpeg
from eventlens.core.media.watermark import Watermark
from eventlens.core.records import Event, Photo
from eventlens.core.refusals import NotAllowedError
from eventlens.services import Services
from eventlens.storage.members import MemberStore
from eventlens.storage.selection import SelectionStore

OWNER, HELPER, STRANGER = 1, 2, 3
MARK = Watermark("© Studio", None, "center", 0.5, 1.0)


async def _event(services: Services) -> Event:
    event = await services.events.create("party", "Party", services.engine.pack.name)
    members = MemberStore(services.db)
    await members.add(event.id, OWNER, "owner")
    await members.add(event.id, HELPER, "photographer")
    for user in (OWNER, HELPER):
        await services.access.select(user, event.id)
    await SelectionStore(services.db).set(STRANGER, event.id)  # selected, but not a member
    return event


async def _photo(services: Services, event: Event, t1_path: Path) -> Photo:
    result = await services.indexer.ingest(event.id, "t1.jpg", t1_path.read_bytes(), "b")
    assert result.photo_id is not None
    photo = await services.photos.get(result.photo_id)
    assert photo is not None
    return photo


def _difference(first: bytes, second: bytes) -> float:
    """The share of pixels far apart (JPEG noise stays well under 60 levels)."""
    one = np.asarray(Image.open(io.BytesIO(first)).convert("L"), dtype=np.int16)
    two = np.asarray(Image.open(io.BytesIO(second)).convert("L"), dtype=np.int16)
    return float((np.abs(one - two) > 60).mean())


def _cached(services: Services) -> list[Path]:
    return sorted(p for p in services.settings.previews_dir.rglob("*") if p.is_file())


async def test_any_photographer_of_the_event_sets_it_and_no_one_else(services: Services) -> None:
    await _event(services)

    saved = await services.watermarks.save(HELPER, MARK)
    again = await services.watermarks.save(OWNER, MARK)

    assert saved.watermark == MARK and again.version == saved.version + 1
    assert (await services.watermarks.current(OWNER)).watermark == MARK
    with pytest.raises(NotAllowedError):
        await services.watermarks.save(STRANGER, MARK)
    cleared = await services.watermarks.clear(OWNER)
    assert cleared.watermark is None and cleared.version == again.version + 1


async def test_choices_it_cannot_render_are_refused(services: Services) -> None:
    await _event(services)

    with pytest.raises(WatermarkTextError):
        await services.watermarks.save(OWNER, Watermark("   ", None, "center", 0.3, 1.0))
    with pytest.raises(WatermarkStyleError):
        await services.watermarks.save(OWNER, Watermark("ok", None, "center", 3.0, 1.0))
    with pytest.raises(WatermarkStyleError):
        await services.watermarks.save(OWNER, Watermark("ok", None, "middle", 0.3, 1.0))  # type: ignore[arg-type]


async def test_guest_previews_carry_it_once_rendered_and_follow_a_change(
    services: Services, t1_path: Path
) -> None:
    event = await _event(services)
    photo = await _photo(services, event, t1_path)
    plain = preview_jpeg(t1_path.read_bytes(), CHAT_LONG_SIDE)
    await services.watermarks.save(OWNER, MARK)

    first = await services.album_files.preview(photo)
    cached = _cached(services)
    again = await services.album_files.preview(photo)
    await services.watermarks.save(OWNER, Watermark("Other", None, "top_left", 0.3, 1.0))
    changed = await services.album_files.preview(photo)

    assert _difference(first.data, plain) > 0.01, "the guest's preview carries the mark"
    assert [path.name for path in cached] == [f"{photo.id}.{first.watermark}.{CHAT_LONG_SIDE}.jpg"]
    assert again == first, "rendered once, then read back"
    assert changed.watermark > first.watermark and _difference(changed.data, first.data) > 0.01
    assert [path.name for path in _cached(services)] == [
        f"{photo.id}.{changed.watermark}.{CHAT_LONG_SIDE}.jpg"
    ]
    original = await services.album_files.original(photo)
    assert original.data == t1_path.read_bytes(), "the original stays clean"


async def test_cached_previews_go_with_their_photo_and_their_event(
    services: Services, t1_path: Path
) -> None:
    event = await _event(services)
    photo = await _photo(services, event, t1_path)
    await services.watermarks.save(OWNER, MARK)
    await services.shared_albums.preview_of(photo, GRID_LONG_SIDE)
    assert _cached(services)

    await services.indexer.remove_photo(photo.id)
    assert _cached(services) == []

    photo = await _photo(services, event, t1_path)
    await services.album_files.preview(photo)
    await services.desk.delete_event(OWNER, event.id)
    assert _cached(services) == []


async def test_a_draft_is_tried_on_a_sample_before_the_event_has_photos(
    services: Services,
) -> None:
    await _event(services)

    tried = Image.open(io.BytesIO(await services.watermarks.try_on(OWNER, MARK)))

    assert tried.format == "JPEG" and max(tried.size) == CHAT_LONG_SIDE
    assert (await services.watermarks.current(OWNER)).watermark is None, "trying saves nothing"


async def test_gallery_and_mini_app_previews_carry_it_at_every_size(
    services: Services, t1_path: Path
) -> None:
    event = await _event(services)
    photo = await _photo(services, event, t1_path)
    await services.watermarks.save(OWNER, MARK)

    for long_side in (GRID_LONG_SIDE, CHAT_LONG_SIDE):  # the gallery's grid, the Mini App's full
        shown = await services.shared_albums.preview_of(photo, long_side)
        plain = preview_jpeg(t1_path.read_bytes(), long_side)
        assert _difference(shown, plain) > 0.01

    await services.watermarks.clear(OWNER)
    cleared = await services.shared_albums.preview_of(photo, GRID_LONG_SIDE)
    assert _difference(cleared, preview_jpeg(t1_path.read_bytes(), GRID_LONG_SIDE)) == 0
