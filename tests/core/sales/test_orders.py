"""An order is made only where originals are priced, and the pre-checkout check takes
the payment only while nothing it was made from has changed."""

from __future__ import annotations

from eventlens.core.guests.outcomes import OriginalPhoto
from eventlens.core.reasons import Code
from eventlens.core.records import Price
from eventlens.services import Services
from eventlens.storage.guests import GuestStore
from eventlens.storage.hidden_photos import HiddenPhotoStore
from tests.core.sales.conftest import GUEST, Shop


async def test_free_events_make_no_order(services: Services, shop: Shop) -> None:
    found = OriginalPhoto(shop.photos[0], "gala-1")
    assert await services.orders.for_photo(GUEST, found) is None


async def test_a_priced_photo_bills_its_price_and_checks_out_until_something_changes(
    services: Services, shop: Shop
) -> None:
    await services.pricing.set_for_event(shop.event, Price(25, 200))
    invoice = await services.orders.for_photo(GUEST, OriginalPhoto(shop.photos[0], "gala-1"))
    assert invoice is not None
    order = invoice.order
    assert (order.kind, order.stars, order.photo_ids) == ("photo", 25, (shop.photos[0].id,))
    check = services.orders.check
    assert await check(GUEST, order.id, "XTR", 25) is None
    assert await check(GUEST, order.id, "XTR", 24) == Code.ORDER_CHANGED
    assert await check(GUEST, order.id, "USD", 25) == Code.ORDER_CHANGED
    assert await check(GUEST + 1, order.id, "XTR", 25) == Code.ORDER_CHANGED, "another guest"
    assert await check(GUEST, "forged", "XTR", 25) == Code.ORDER_CHANGED

    await services.pricing.set_for_event(shop.event, Price(30, 200))
    assert await check(GUEST, order.id, "XTR", 25) == Code.ORDER_CHANGED, "repriced"
    await services.pricing.set_for_event(shop.event, None)
    assert await check(GUEST, order.id, "XTR", 25) == Code.ORDER_CHANGED, "made free"
    await services.pricing.set_for_event(shop.event, Price(25, 200))
    assert await check(GUEST, order.id, "XTR", 25) is None

    await GuestStore(services.db).join(GUEST + 5, shop.event.id, "link")
    await HiddenPhotoStore(services.db).hide(GUEST + 5, shop.event.id, shop.photos[0].id)
    assert await check(GUEST, order.id, "XTR", 25) == Code.PHOTO_GONE, "hidden by another guest"


async def test_a_deleted_photo_a_paid_order_or_a_forgotten_guest_refuse(
    services: Services, shop: Shop
) -> None:
    await services.pricing.set_for_event(shop.event, Price(25, 200))
    first = await services.orders.for_photo(GUEST, OriginalPhoto(shop.photos[0], "a"))
    second = await services.orders.for_photo(GUEST, OriginalPhoto(shop.photos[1], "b"))
    assert first is not None and second is not None
    await services.photos.remove(shop.photos[1].id)
    assert await services.orders.check(GUEST, second.order.id, "XTR", 25) == Code.PHOTO_GONE

    assert await services.ledger.paid(GUEST, first.order.id, "charge-1", 25) is not None
    assert await services.orders.check(GUEST, first.order.id, "XTR", 25) == Code.ORDER_PAID

    third = await services.orders.for_photo(GUEST, OriginalPhoto(shop.photos[2], "c"))
    assert third is not None
    await services.guests.forget(GUEST)
    assert await services.orders.check(GUEST, third.order.id, "XTR", 25) == Code.ORDER_CHANGED
    assert (await services.ledger.refundable("charge-1")).stars == 25, "the ledger stays"


async def test_a_guest_who_never_accepted_the_notice_may_not_pay(
    services: Services, shop: Shop
) -> None:
    await services.pricing.set_for_event(shop.event, Price(25, 200))
    await GuestStore(services.db).join(GUEST + 1, shop.event.id, "link")
    invoice = await services.orders.for_photo(GUEST + 1, OriginalPhoto(shop.photos[0], "a"))
    assert invoice is not None
    assert await services.orders.check(GUEST + 1, invoice.order.id, "XTR", 25) == Code.NOT_JOINED
