"""Originals for Stars in the chat: the invoice for an order, and paid orders delivered.

An invoice bills Telegram Stars (currency XTR, no provider token) with the order id
as its payload. `Deliveries` sends a paid order's originals (GPS removed, as
documents), recording each in the ledger as it goes, then marks the payment
delivered; a delivery cut short resumes with the originals not sent yet. One delivery per
payment runs at a time in this process; a payment already delivered or refunded
sends nothing, so a repeated `successful_payment`, the start-up sweep and the
periodic sweep never send an order twice. The sweep (at start and every few
minutes) delivers what a restart or a failed send left paid but undelivered.
"""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import LabeledPrice
from aiogram.utils.i18n import gettext as _

from eventlens.bot.guest.album_sender import AlbumSender
from eventlens.core.records import Payment
from eventlens.core.sales.ledger import Ledger
from eventlens.core.sales.orders import CURRENCY, Invoice

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 300.0
TITLE_CHARACTERS = 32  # Telegram's limit for an invoice title


def _title(invoice: Invoice) -> str:
    if invoice.order.kind == "album":
        text = _("All {count} originals").format(count=len(invoice.order.photo_ids))
    elif invoice.number is not None:
        text = _("Original photo {number}").format(number=invoice.number)
    else:
        text = _("Original photo")
    return text[:TITLE_CHARACTERS]


def _description(invoice: Invoice) -> str:
    if invoice.order.kind == "album":
        text = _(
            "Every photo of your album from «{event}» in full resolution, without its location."
        )
    else:
        text = _("The photo from «{event}» in full resolution, without its location.")
    return text.format(event=invoice.event.name)[:255]


async def send_invoice(bot: Bot, chat_id: int, invoice: Invoice) -> None:
    await bot.send_invoice(
        chat_id,
        title=_title(invoice),
        description=_description(invoice),
        payload=invoice.order.id,
        currency=CURRENCY,
        provider_token="",
        prices=[LabeledPrice(label=_title(invoice), amount=invoice.order.stars)],
    )


class Deliveries:
    def __init__(self, ledger: Ledger, sender: AlbumSender) -> None:
        self._ledger = ledger
        self._sender = sender
        self._busy: set[str] = set()

    async def deliver(self, bot: Bot, charge_id: str) -> bool:
        """Send the originals of a paid, undelivered payment; False when there was nothing
        to send (delivered, refunded, unknown, or being sent right now)."""
        if charge_id in self._busy:
            return False
        self._busy.add(charge_id)
        try:
            payment = await self._ledger.payment(charge_id)
            if payment is None or payment.refunded_at is not None:
                return False
            if payment.delivered_at is not None:
                return False
            await self._send(bot, payment)
            await self._ledger.delivered(charge_id)
            return True
        finally:
            self._busy.discard(charge_id)

    async def sweep(self, bot: Bot) -> int:
        """Deliver every paid, undelivered payment; how many went out."""
        sent = 0
        for payment in await self._ledger.undelivered():
            try:
                sent += await self.deliver(bot, payment.charge_id)
            except TelegramAPIError as error:
                logger.warning("payment %s not delivered yet: %s", payment.charge_id, error)
        if sent:
            logger.info("delivered %d paid orders left undelivered", sent)
        return sent

    async def run(self, bot: Bot, interval: float = SWEEP_SECONDS) -> None:
        """Sweep now and then every `interval` seconds until cancelled."""
        while True:
            try:
                await self.sweep(bot)
            except Exception:  # a broken order must not stop later deliveries
                logger.exception("the sweep of paid originals failed")
            await asyncio.sleep(interval)

    async def _send(self, bot: Bot, payment: Payment) -> None:
        originals = await self._ledger.originals(payment)
        if originals:
            await bot.send_chat_action(payment.guest_id, "upload_document")
        for original in originals:
            await self._sender.send_original(bot, payment.guest_id, original.photo, original.name)
            await self._ledger.sent(payment.charge_id, original.photo.id)
