"""/price (the selected event's originals: free, or Stars per photo and per album, with
its sales) and, for the bot's admins, /refund CHARGE_ID (refundStarPayment, then the
ledger)."""

from __future__ import annotations

import contextlib
import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from eventlens.bot.filters import is_photographer
from eventlens.bot.keyboards.sales import PriceFree, price_keyboard
from eventlens.bot.middlewares.caller import Caller
from eventlens.core.errors import SalesError
from eventlens.core.reasons import Code
from eventlens.core.records import Price, SalesCount
from eventlens.core.sales.ledger import Ledger
from eventlens.core.sales.pricing import MAX_STARS, PriceState, Pricing

logger = logging.getLogger(__name__)

FREE_WORDS = ("free", "0")


def sales_line(sales: SalesCount) -> str:
    return _("Sales: {count}, {stars} ⭐; refunds: {refunds} ({refunded} ⭐).").format(
        count=sales.sales, stars=sales.stars, refunds=sales.refunds, refunded=sales.refunded_stars
    )


def price_text(state: PriceState) -> str:
    price, name = state.price, state.event.name
    if price is None:
        lines = [
            _("Originals of «{event}» are free: guests get them with ⬇.").format(event=name),
            _("To sell them for Stars: /price PHOTO ALBUM, for example /price 25 200."),
        ]
    else:
        lines = [
            _("Originals of «{event}»: {photo} ⭐ a photo, {album} ⭐ a whole album.").format(
                event=name, photo=price.photo_stars, album=price.album_stars
            )
        ]
    if price is not None or state.sales.sales:
        lines.append(sales_line(state.sales))
    return "\n".join(lines)


def _asked(args: str) -> Price | None:
    words = args.split()
    if len(words) == 1 and words[0].lower() in FREE_WORDS:
        return None
    if len(words) == 2 and all(word.isdecimal() for word in words):
        return Price(int(words[0]), int(words[1]))
    raise SalesError(Code.PRICE_INVALID, max=MAX_STARS)


async def price(message: Message, command: CommandObject, caller: Caller, pricing: Pricing) -> None:
    args = (command.args or "").strip()
    if args:
        state = await pricing.set_price(caller.id, _asked(args))
    else:
        state = await pricing.state(caller.id)
    await message.answer(price_text(state), reply_markup=price_keyboard(state.price is not None))


async def make_free(
    callback: CallbackQuery, callback_data: PriceFree, caller: Caller, pricing: Pricing
) -> None:
    state = await pricing.set_price(caller.id, None)
    await callback.answer()
    if isinstance(callback.message, Message):
        with contextlib.suppress(TelegramBadRequest):  # pressed twice: not modified
            await callback.message.edit_text(price_text(state), reply_markup=None)


async def refund(
    message: Message, command: CommandObject, bot: Bot, caller: Caller, ledger: Ledger
) -> None:
    charge_id = (command.args or "").strip()
    if not charge_id:
        await message.answer(_("Send /refund CHARGE_ID (the payment's Telegram charge id)."))
        return
    payment = await ledger.refundable(charge_id)
    try:
        await bot.refund_star_payment(payment.guest_id, charge_id)
    except TelegramBadRequest as error:
        logger.warning("refund of %s refused by Telegram: %s", charge_id, error.message)
        await message.answer(
            _("Telegram did not refund {charge}: {error}").format(
                charge=charge_id, error=error.message
            )
        )
        return
    await ledger.refunded(charge_id)
    logger.info("admin %d refunded payment %s", caller.id, charge_id)
    await message.answer(
        _("Refunded {stars} ⭐ to the guest (payment {charge}).").format(
            stars=payment.stars, charge=charge_id
        )
    )


def is_admin(_: object, caller: Caller | None = None) -> bool:
    return caller is not None and caller.is_admin


def router() -> Router:
    built = Router(name=__name__)
    built.message.register(price, Command("price"), is_photographer)
    built.callback_query.register(make_free, PriceFree.filter())
    built.message.register(refund, Command("refund"), is_admin)
    return built
