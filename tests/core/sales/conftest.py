"""An event with three photos and a guest who joined it and accepted its notice."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from eventlens.core.records import Event, Photo
from eventlens.services import Services
from eventlens.storage.guests import GuestStore

GUEST = 77


@dataclass(frozen=True)
class Shop:
    event: Event
    photos: list[Photo]


@pytest.fixture
async def shop(services: Services) -> Shop:
    event = await services.events.create("gala", "Gala", services.engine.pack.name)
    photos = []
    for number in range(3):
        photo, _ = await services.photos.add(event.id, f"{number:064x}", f"{number}.jpg", 1, "b")
        photos.append(photo)
    guests = GuestStore(services.db)
    await guests.join(GUEST, event.id, "link")
    await guests.accept(GUEST, event.id)
    return Shop(event, photos)
