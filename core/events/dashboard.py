"""An event's numbers for the photographer: one computation for /stats and `eventlens stats`.

Only what is recorded is counted. Hidden photos do not exist yet, so they are None
(front doors leave them out) rather than a zero that reads as a fact; so are sales
of an event that never priced its originals and never sold one.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from typing import Any

from eventlens.core.events.access import Access
from eventlens.core.records import Event
from eventlens.storage.event_numbers import EventNumbers
from eventlens.storage.events import EventStore
from eventlens.storage.sales import SalesCount, SalesStore


@dataclass(frozen=True)
class Dashboard:
    event: Event
    photos: int
    faces: int
    pending: int
    people: int  # seen in more than one photo
    guests: int  # joined the event
    searches: int
    albums_delivered: int  # share links handed to guests
    median_photos_per_guest: float | None  # over guests with a live share link
    gallery_views: int  # share-link gallery pages opened
    sales: SalesCount | None = None  # Stars payments, refunds included
    hidden_photos: int | None = None

    def numbers(self) -> dict[str, Any]:
        """The numbers alone, keyed as the CLI's JSON prints them."""
        found = asdict(self)
        found.pop("event")
        return found


class EventDashboard:
    def __init__(
        self, access: Access, events: EventStore, numbers: EventNumbers, sales: SalesStore
    ) -> None:
        self._sales = sales
        self._access = access
        self._events = events
        self._numbers = numbers

    async def for_user(self, user_id: int) -> Dashboard:
        """The dashboard of the user's selected event."""
        return await self.of_event(await self._access.selected(user_id))

    async def of_event(self, event: Event) -> Dashboard:
        counts = await self._events.counts(event.id)
        recorded = await self._numbers.of_event(event.id)
        sizes = recorded.photos_per_link
        sales = await self._sales.of_event(event.id)
        priced = await self._sales.price(event.id) is not None
        return Dashboard(
            event=event,
            photos=counts.photos,
            faces=counts.faces,
            pending=counts.pending,
            people=recorded.people,
            guests=counts.guests,
            searches=recorded.searches,
            albums_delivered=recorded.share_links,
            median_photos_per_guest=float(statistics.median(sizes)) if sizes else None,
            gallery_views=recorded.gallery_views,
            sales=sales if priced or sales.sales else None,
        )
