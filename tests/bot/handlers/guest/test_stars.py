"""Originals for Stars in the chat: ⬇ and "Buy all" send invoices in a priced event, the
pre-checkout answer checks the order, a payment delivers its originals once; the
photographer prices with /price and an admin refunds with /refund."""

from __future__ import annotations

import itertools

import numpy as np
from aiogram.methods import (
    AnswerPreCheckoutQuery,
    RefundStarPayment,
    SendDocument,
    SendInvoice,
)
from aiogram.types import PreCheckoutQuery, SuccessfulPayment, Update, User
from numpy.typing import NDArray

from tests.bot.handlers.guest.steps import GUEST, indexed_event, joined, selfie
from tests.bot.harness import ADMIN, BotHarness, Replies, callback_data, last_with_buttons

_queries = itertools.count(1)


async def _checkout(harness: BotHarness, guest: User, invoice: SendInvoice) -> Replies:
    query = PreCheckoutQuery(
        id=f"q{next(_queries)}",
        from_user=guest,
        currency=invoice.currency,
        total_amount=invoice.prices[0].amount,
        invoice_payload=invoice.payload,
    )
    return await harness.feed(Update(update_id=900_000 + next(_queries), pre_checkout_query=query))


async def _paid(harness: BotHarness, guest: User, invoice: SendInvoice, charge: str) -> Replies:
    payment = SuccessfulPayment(
        currency="XTR",
        total_amount=invoice.prices[0].amount,
        invoice_payload=invoice.payload,
        telegram_payment_charge_id=charge,
        provider_payment_charge_id="",
    )
    return await harness.feed(harness.updates.message(guest, successful_payment=payment))


async def _priced_album(harness: BotHarness, t1_image: NDArray[np.uint8]) -> Replies:
    payload = await indexed_event(harness, t1_image)
    priced = await harness.send(ADMIN, "/price 25 200")
    assert priced.text.startswith("Originals of «Wedding»: 25 ⭐ a photo, 200 ⭐ a whole album.")
    await joined(harness, payload)
    return await harness.send_photo(GUEST, selfie(t1_image))


async def test_a_priced_original_is_billed_then_delivered_once_without_gps(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    album = await _priced_album(harness, t1_image)
    assert callback_data(album, "Buy all 2 originals: 200 ⭐")

    tapped = await harness.press(GUEST, callback_data(album, "⬇ 1"), last_with_buttons(album))
    assert not tapped.of(SendDocument), "a priced original waits for its payment"
    (invoice,) = tapped.of(SendInvoice)
    assert (invoice.chat_id, invoice.currency, invoice.provider_token) == (GUEST.id, "XTR", "")
    assert [price.amount for price in invoice.prices] == [25]
    assert invoice.title == "Original photo 1"

    (answer,) = (await _checkout(harness, GUEST, invoice)).of(AnswerPreCheckoutQuery)
    assert answer.ok is True
    delivered = await _paid(harness, GUEST, invoice, "charge-1")
    (document,) = delivered.of(SendDocument)
    assert document.chat_id == GUEST.id
    assert document.document.data[:2] == b"\xff\xd8", "the original, as a JPEG file"
    again = await _paid(harness, GUEST, invoice, "charge-1")
    assert not again.of(SendDocument), "a repeated payment update delivers nothing"

    (paid_again,) = (await _checkout(harness, GUEST, invoice)).of(AnswerPreCheckoutQuery)
    assert (paid_again.ok, paid_again.error_message) == (False, "This invoice is paid already.")


async def test_buy_all_bills_the_album_and_a_changed_price_refuses_the_checkout(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    album = await _priced_album(harness, t1_image)
    buy = callback_data(album, "Buy all 2 originals: 200 ⭐")
    (invoice,) = (await harness.press(GUEST, buy, last_with_buttons(album))).of(SendInvoice)
    assert [price.amount for price in invoice.prices] == [200]
    assert invoice.title == "All 2 originals"

    await harness.send(ADMIN, "/price 30 300")
    (answer,) = (await _checkout(harness, GUEST, invoice)).of(AnswerPreCheckoutQuery)
    assert answer.ok is False
    assert answer.error_message == "The price or the photos changed. Tap the button again."


async def test_free_events_send_originals_and_price_refuses_nonsense(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    payload = await indexed_event(harness, t1_image)
    shown = await harness.send(ADMIN, "/price")
    assert shown.text.startswith("Originals of «Wedding» are free")
    wrong = await harness.send(ADMIN, "/price 0 10")
    assert wrong.text.startswith("A price is 1 to 10000 Stars")
    await harness.send(ADMIN, "/price 5 9")
    made_free = await harness.send(ADMIN, "/price free")
    assert made_free.text.startswith("Originals of «Wedding» are free")
    await joined(harness, payload)
    album = await harness.send_photo(GUEST, selfie(t1_image))
    assert not any(label.startswith("Buy all") for label, _ in album.buttons())

    tapped = await harness.press(GUEST, callback_data(album, "⬇ 1"), last_with_buttons(album))
    assert tapped.of(SendDocument) and not tapped.of(SendInvoice)


async def test_an_admin_refunds_a_payment_once_and_stats_show_the_sales(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    album = await _priced_album(harness, t1_image)
    tapped = await harness.press(GUEST, callback_data(album, "⬇ 2"), last_with_buttons(album))
    (invoice,) = tapped.of(SendInvoice)
    await _checkout(harness, GUEST, invoice)
    await _paid(harness, GUEST, invoice, "charge-7")

    assert not (await harness.send(GUEST, "/refund charge-7")).of(RefundStarPayment)
    unknown = await harness.send(ADMIN, "/refund charge-0")
    assert unknown.text == "No payment has the charge id charge-0."
    refunded = await harness.send(ADMIN, "/refund charge-7")
    (call,) = refunded.of(RefundStarPayment)
    assert (call.user_id, call.telegram_payment_charge_id) == (GUEST.id, "charge-7")
    assert refunded.text == "Refunded 25 ⭐ to the guest (payment charge-7)."
    twice = await harness.send(ADMIN, "/refund charge-7")
    assert twice.text == "The payment charge-7 was refunded already." and not twice.of(
        RefundStarPayment
    )
    stats = await harness.send(ADMIN, "/stats")
    assert "Sales: 1, 25 ⭐; refunds: 1 (25 ⭐)." in stats.text


async def test_the_sweep_delivers_paid_orders_left_undelivered_but_never_refunded_ones(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    album = await _priced_album(harness, t1_image)
    for label, charge in (("⬇ 1", "charge-a"), ("⬇ 2", "charge-b")):
        tapped = await harness.press(GUEST, callback_data(album, label), last_with_buttons(album))
        (invoice,) = tapped.of(SendInvoice)
        await _checkout(harness, GUEST, invoice)
        harness.session.fail_next(SendDocument)
        failed = await _paid(harness, GUEST, invoice, charge)
        assert "Sorry, something went wrong" in failed.text, "the send failed"
    assert [p.charge_id for p in await harness.app.services.ledger.undelivered()] == [
        "charge-a",
        "charge-b",
    ]
    await harness.send(ADMIN, "/refund charge-a")

    before = len(harness.session.requests)
    assert await harness.app.deliveries.sweep(harness.bot) == 1
    sent = [r for r in harness.session.requests[before:] if isinstance(r, SendDocument)]
    assert len(sent) == 1, "only the payment that was not refunded"
    assert await harness.app.deliveries.sweep(harness.bot) == 0
    assert await harness.app.services.ledger.undelivered() == []
