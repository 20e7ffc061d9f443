"""Orders behind invoices: made when a guest taps ⬇ or "Buy all" in a priced event,
and checked again when Telegram asks whether to take the payment.

An order fixes its photos and its price when it is made. The pre-checkout check
(answered within Telegram's 10 s, so only a few indexed lookups) takes the payment
only while the event exists and bills the same price, every photo is still in it
and not hidden from the guest, the guest is still joined, and the order is unpaid.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from eventlens.core.guests.outcomes import OriginalPhoto
from eventlens.core.guests.selfie_search import GuestSearch
from eventlens.core.reasons import Code
from eventlens.core.records import Event, Order, Price
from eventlens.storage.events import EventStore
from eventlens.storage.guests import GuestStore
from eventlens.storage.hidden_photos import HiddenPhotoStore
from eventlens.storage.photos import PhotoStore
from eventlens.storage.sales import OrderKind, SalesStore

CURRENCY = "XTR"  # Telegram Stars


@dataclass(frozen=True)
class Invoice:
    order: Order
    event: Event
    number: int | None = None  # the photo's number in the guest's album


@dataclass(frozen=True)
class OrderStores:
    sales: SalesStore
    events: EventStore
    photos: PhotoStore
    guests: GuestStore
    hidden: HiddenPhotoStore


class Orders:
    def __init__(
        self, stores: OrderStores, search: GuestSearch, clock: Callable[[], float] = time.time
    ) -> None:
        self._stores = stores
        self._search = search
        self._clock = clock

    async def for_photo(self, guest_id: int, found: OriginalPhoto) -> Invoice | None:
        """The invoice for one original of the guest's album; None where originals are free."""
        price = await self._stores.sales.price(found.photo.event_id)
        if price is None:
            return None
        result = self._search.current(guest_id)
        number = result.album.number_of(found.photo.id) if result else None
        return await self._order(
            guest_id, found.photo.event_id, "photo", price, [found.photo.id], number
        )

    async def for_album(self, guest_id: int) -> Invoice | None:
        """The invoice for every photo of the guest's open album; None when there is none
        or the event's originals are free."""
        result = self._search.current(guest_id)
        if result is None or not result.album.sure_ids:
            return None
        price = await self._stores.sales.price(result.event_id)
        if price is None:
            return None
        return await self._order(guest_id, result.event_id, "album", price, result.album.sure_ids)

    async def check(self, guest_id: int, order_id: str, currency: str, stars: int) -> Code | None:
        """Why the payment must be refused now, or None to take it."""
        stores = self._stores
        order = await stores.sales.order(order_id)
        if order is None or order.guest_id != guest_id:
            return Code.ORDER_CHANGED
        if await stores.sales.paid_for(order.id):
            return Code.ORDER_PAID
        price = await stores.sales.price(order.event_id)
        billed = None if price is None else _stars(price, order.kind)
        if currency != CURRENCY or stars != order.stars or billed != order.stars:
            return Code.ORDER_CHANGED
        join = await stores.guests.get_join(guest_id, order.event_id)
        if join is None or not join.consented:
            return Code.NOT_JOINED
        present = await stores.photos.existing(order.photo_ids)
        hidden = await stores.hidden.hidden_from(guest_id, order.event_id)
        if any(photo not in present or photo in hidden for photo in order.photo_ids):
            return Code.PHOTO_GONE
        return None

    async def _order(
        self,
        guest_id: int,
        event_id: str,
        kind: OrderKind,
        price: Price,
        photo_ids: Sequence[str],
        number: int | None = None,
    ) -> Invoice | None:
        event = await self._stores.events.by_id(event_id)
        if event is None:
            return None
        order = Order(
            id=secrets.token_urlsafe(16),
            event_id=event_id,
            guest_id=guest_id,
            kind=kind,
            stars=_stars(price, kind),
            photo_ids=tuple(photo_ids),
            created_at=self._clock(),
        )
        await self._stores.sales.add_order(order)
        return Invoice(order, event, number)


def _stars(price: Price, kind: OrderKind) -> int:
    return price.photo_stars if kind == "photo" else price.album_stars
