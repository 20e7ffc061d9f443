""" "Buy all", the pre-checkout answer and successful payments of originals for Stars.

(⬇ on one photo of a priced event sends its invoice from `album.original`.) The
pre-checkout answer is a few indexed lookups, well within Telegram's 10 s. A paid
order is recorded in the ledger first, then delivered; a repeated update finds its
charge recorded and sends nothing.
"""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, Message, PreCheckoutQuery

from eventlens.bot.guest import texts
from eventlens.bot.guest.stars import Deliveries, send_invoice
from eventlens.bot.keyboards.guest import AlbumBuy
from eventlens.bot.middlewares.caller import Caller
from eventlens.bot.reasons import describe
from eventlens.core.reasons import Reason
from eventlens.core.sales.ledger import Ledger
from eventlens.core.sales.orders import Orders

logger = logging.getLogger(__name__)


async def buy_all(callback: CallbackQuery, bot: Bot, caller: Caller, orders: Orders) -> None:
    invoice = await orders.for_album(caller.id)
    if invoice is None:
        await callback.answer(texts.expired(), show_alert=True)
        return
    await callback.answer()
    await send_invoice(bot, caller.id, invoice)


async def pre_checkout(query: PreCheckoutQuery, caller: Caller, orders: Orders) -> None:
    refused = await orders.check(
        caller.id, query.invoice_payload, query.currency, query.total_amount
    )
    if refused is None:
        await query.answer(ok=True)
    else:
        logger.info("pre-checkout of order %s refused: %s", query.invoice_payload, refused)
        await query.answer(ok=False, error_message=describe(Reason(refused)))


async def paid(
    message: Message, bot: Bot, caller: Caller, ledger: Ledger, deliveries: Deliveries
) -> None:
    payment = message.successful_payment
    assert payment is not None  # the filter
    recorded = await ledger.paid(
        caller.id,
        payment.invoice_payload,
        payment.telegram_payment_charge_id,
        payment.total_amount,
    )
    if recorded is None:
        logger.info("payment %s arrived again: ignored", payment.telegram_payment_charge_id)
        return
    await deliveries.deliver(bot, recorded.charge_id)


def router() -> Router:
    built = Router(name=__name__)
    built.callback_query.register(buy_all, AlbumBuy.filter())
    built.pre_checkout_query.register(pre_checkout)
    built.message.register(paid, F.successful_payment)
    return built
