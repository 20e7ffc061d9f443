"""An indexed sample event for guest-side tests: Yao Ming in some photos, not in others.

Built from `eventlens.demo_photos` (images shipped with the dependencies), indexed
with the real model into the test's own SQLite, Chroma and blob store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventlens.demo_photos import build
from eventlens.services import Services
from eventlens.storage.events import Event


@dataclass(frozen=True)
class DemoEvent:
    event: Event
    selfie: bytes
    photo_ids: dict[str, str]  # file name -> photo id
    with_guest: frozenset[str]  # photo ids Yao Ming is in

    @property
    def without_guest(self) -> frozenset[str]:
        return frozenset(self.photo_ids.values()) - self.with_guest


async def index_demo_event(services: Services, folder: Path, slug: str = "gala") -> DemoEvent:
    photos, selfie = build(folder)
    event = await services.events.create(slug, "Basketball gala", services.engine.pack.name)
    ids: dict[str, str] = {}
    for photo in photos:
        data = (folder / "photos" / photo.name).read_bytes()
        result = await services.indexer.ingest(event.id, photo.name, data, "batch")
        assert result.photo_id is not None
        ids[photo.name] = result.photo_id
    await services.indexer.work(until_idle=lambda: True)
    with_guest = frozenset(ids[photo.name] for photo in photos if photo.has_guest)
    return DemoEvent(event, selfie.read_bytes(), ids, with_guest)


async def joined(services: Services, guest_id: int, event: Event) -> None:
    """The guest joined through the event's link and accepted the notice."""
    await services.guests.join(guest_id, f"ev_{event.guest_token}")
    await services.guests.accept(guest_id, event.id)
