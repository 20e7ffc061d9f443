"""The ledger of Stars payments: the truth for what was paid, delivered and refunded.

`paid` records a `successful_payment` once per `telegram_payment_charge_id`; a
repeated update finds its charge there and delivers nothing. A payment stays
undelivered until the front door has sent every original of its order (each one
recorded as it goes), so a bot restarted in between finds it in `undelivered` and
sends the rest then. Refunds are
recorded after Telegram accepted them; a refunded payment is never delivered.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from eventlens.core.errors import SalesError
from eventlens.core.guests.outcomes import OriginalPhoto
from eventlens.core.reasons import Code
from eventlens.core.records import Payment
from eventlens.storage.events import EventStore
from eventlens.storage.photos import PhotoStore
from eventlens.storage.sales import SalesStore


class Ledger:
    def __init__(
        self,
        store: SalesStore,
        photos: PhotoStore,
        events: EventStore,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._store = store
        self._photos = photos
        self._events = events
        self._clock = clock

    async def paid(
        self, guest_id: int, order_id: str, charge_id: str, stars: int
    ) -> Payment | None:
        """Record a successful payment; None when its charge was recorded before."""
        order = await self._store.order(order_id)
        payment = Payment(
            charge_id=charge_id,
            order_id=order_id,
            event_id=order.event_id if order else "",
            guest_id=guest_id,
            stars=stars,
            paid_at=self._clock(),
            delivered_at=None,
            refunded_at=None,
        )
        return payment if await self._store.record_payment(payment) else None

    async def payment(self, charge_id: str) -> Payment | None:
        return await self._store.payment(charge_id)

    async def undelivered(self) -> list[Payment]:
        """Payments whose originals have not all gone out yet, oldest first."""
        return await self._store.undelivered()

    async def originals(self, payment: Payment) -> list[OriginalPhoto]:
        """The order's photos still in the event and not yet sent for this payment, in
        order, with the names to send them as."""
        order = await self._store.order(payment.order_id)
        if order is None:
            return []
        event = await self._events.by_id(order.event_id)
        found = await self._photos.many(order.photo_ids)
        sent = await self._store.sent_photos(payment.charge_id)
        prefix = event.slug if event else "photo"
        return [
            OriginalPhoto(found[photo_id], f"{prefix}-{photo_id[:8]}")
            for photo_id in order.photo_ids
            if photo_id in found and photo_id not in sent
        ]

    async def sent(self, charge_id: str, photo_id: str) -> None:
        """One original of the payment went out."""
        await self._store.mark_sent(charge_id, photo_id, self._clock())

    async def delivered(self, charge_id: str) -> None:
        await self._store.mark_delivered(charge_id, self._clock())

    async def refundable(self, charge_id: str) -> Payment:
        """The payment an admin asks to refund; SalesError when unknown or refunded."""
        payment = await self._store.payment(charge_id)
        if payment is None:
            raise SalesError(Code.UNKNOWN_CHARGE, charge=charge_id)
        if payment.refunded_at is not None:
            raise SalesError(Code.ALREADY_REFUNDED, charge=charge_id)
        return payment

    async def refunded(self, charge_id: str) -> None:
        """Record a refund Telegram accepted."""
        await self._store.mark_refunded(charge_id, self._clock())
