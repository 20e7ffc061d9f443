"""An event's prices for originals, set by its owner: free (no price) or Stars per
photo and per whole album; any photographer of the event sees them with its sales."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from eventlens.core.errors import SalesError
from eventlens.core.events.access import Access
from eventlens.core.reasons import Code
from eventlens.core.records import Event
from eventlens.storage.sales import Price, SalesCount, SalesStore

# Telegram takes 1 to 10000 Stars in one invoice.
MAX_STARS = 10_000


@dataclass(frozen=True)
class PriceState:
    event: Event
    price: Price | None  # None: originals are free
    sales: SalesCount


def checked(price: Price | None) -> Price | None:
    """`price` if both amounts are whole Stars Telegram can bill, else SalesError."""
    if price is not None and not all(
        1 <= stars <= MAX_STARS for stars in (price.photo_stars, price.album_stars)
    ):
        raise SalesError(Code.PRICE_INVALID, max=MAX_STARS)
    return price


class Pricing:
    def __init__(
        self, access: Access, store: SalesStore, clock: Callable[[], float] = time.time
    ) -> None:
        self._access = access
        self._store = store
        self._clock = clock

    async def state(self, user_id: int) -> PriceState:
        return await self.of_event(await self._access.selected(user_id))

    async def set_price(self, user_id: int, price: Price | None) -> PriceState:
        """Price originals of the selected event, or make them free (None); owner only."""
        checked(price)
        event = await self._access.selected(user_id, owner_only=True)
        return await self.set_for_event(event, price)

    async def set_for_event(self, event: Event, price: Price | None) -> PriceState:
        """The same without a Telegram user (the CLI runs as the server's owner)."""
        await self._store.set_price(event.id, checked(price), self._clock())
        return await self.of_event(event)

    async def of_event(self, event: Event) -> PriceState:
        return PriceState(
            event, await self._store.price(event.id), await self._store.of_event(event.id)
        )
