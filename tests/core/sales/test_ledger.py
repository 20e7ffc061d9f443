"""The ledger records a charge once, keeps it undelivered until the originals went
out, refunds it once, and the dashboard counts it."""

from __future__ import annotations

import pytest

from eventlens.core.errors import SalesError
from eventlens.core.guests.outcomes import OriginalPhoto
from eventlens.core.reasons import Code
from eventlens.core.records import Order, Price
from eventlens.services import Services
from eventlens.storage.sales import SalesStore
from tests.core.sales.conftest import GUEST, Shop


async def test_a_repeated_charge_is_recorded_once_and_delivered_once(
    services: Services, shop: Shop
) -> None:
    await services.pricing.set_for_event(shop.event, Price(25, 200))
    invoice = await services.orders.for_photo(GUEST, OriginalPhoto(shop.photos[0], "x"))
    assert invoice is not None
    ledger = services.ledger

    payment = await ledger.paid(GUEST, invoice.order.id, "charge-1", 25)
    assert payment is not None and payment.event_id == shop.event.id
    assert await ledger.paid(GUEST, invoice.order.id, "charge-1", 25) is None
    assert [p.charge_id for p in await ledger.undelivered()] == ["charge-1"]
    originals = await ledger.originals(payment)
    assert [(o.photo.id, o.name) for o in originals] == [
        (shop.photos[0].id, f"gala-{shop.photos[0].id[:8]}")
    ]

    await ledger.delivered("charge-1")
    assert await ledger.undelivered() == []
    board = await services.dashboard.of_event(shop.event)
    assert board.sales is not None
    assert (board.sales.sales, board.sales.stars, board.sales.refunds) == (1, 25, 0)


async def test_a_delivery_cut_short_resumes_with_the_originals_not_sent(
    services: Services, shop: Shop
) -> None:
    await services.pricing.set_for_event(shop.event, Price(25, 200))
    await services.photos.remove(shop.photos[2].id)
    order = Order(
        "album-1", shop.event.id, GUEST, "album", 200, tuple(p.id for p in shop.photos), 0
    )
    await SalesStore(services.db).add_order(order)
    payment = await services.ledger.paid(GUEST, order.id, "charge-3", 200)
    assert payment is not None

    await services.ledger.sent("charge-3", shop.photos[0].id)
    left = await services.ledger.originals(payment)
    assert [original.photo.id for original in left] == [shop.photos[1].id], "sent or deleted"


async def test_a_refund_is_recorded_once_and_a_refunded_payment_is_not_delivered(
    services: Services, shop: Shop
) -> None:
    await services.pricing.set_for_event(shop.event, Price(25, 200))
    invoice = await services.orders.for_photo(GUEST, OriginalPhoto(shop.photos[0], "x"))
    assert invoice is not None
    ledger = services.ledger
    await ledger.paid(GUEST, invoice.order.id, "charge-9", 25)
    with pytest.raises(SalesError) as unknown:
        await ledger.refundable("charge-0")
    assert unknown.value.code == Code.UNKNOWN_CHARGE

    assert (await ledger.refundable("charge-9")).guest_id == GUEST
    await ledger.refunded("charge-9")
    with pytest.raises(SalesError) as again:
        await ledger.refundable("charge-9")
    assert again.value.code == Code.ALREADY_REFUNDED
    assert await ledger.undelivered() == []
    board = await services.dashboard.of_event(shop.event)
    assert board.sales is not None
    assert (board.sales.sales, board.sales.refunds, board.sales.refunded_stars) == (1, 1, 25)


async def test_prices_are_whole_stars_telegram_can_bill(services: Services, shop: Shop) -> None:
    for wrong in (Price(0, 10), Price(10, 10_001)):
        with pytest.raises(SalesError) as refused:
            await services.pricing.set_for_event(shop.event, wrong)
        assert refused.value.code == Code.PRICE_INVALID
    state = await services.pricing.set_for_event(shop.event, Price(1, 10_000))
    assert state.price == Price(1, 10_000)
