"""Telegram Stars on the fake Bot API: invoices, pre-checkout answers, refunds.

The bot's side: sendInvoice (an invoice message in the chat, its payload kept),
answerPreCheckoutQuery (kept per query id) and refundStarPayment (refused for an
unknown or already refunded charge, with Telegram's descriptions). The user's
side lives in `FakeUser.pay`: a pre_checkout_query update, and once the bot said
ok, the successful_payment message with a fresh telegram_payment_charge_id.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from tests.e2e.bot_api_wire import ApiError


@dataclass(frozen=True)
class Charge:
    charge_id: str
    user_id: int
    stars: int
    payload: str


@dataclass
class StarsPayments:
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)  # query id -> params
    charges: dict[str, Charge] = field(default_factory=dict)
    refunded: list[str] = field(default_factory=list)
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def invoice(self, params: dict[str, Any]) -> dict[str, Any]:
        """The `invoice` of the message sendInvoice posts, plus its private payload."""
        if params.get("currency") != "XTR" or params.get("provider_token", "") != "":
            raise ApiError(400, "Bad Request: CURRENCY_INVALID")
        prices = params["prices"]
        if len(prices) != 1:
            raise ApiError(400, "Bad Request: STARS_INVOICE_INVALID")
        return {
            "title": params["title"],
            "description": params["description"],
            "currency": "XTR",
            "total_amount": int(prices[0]["amount"]),
            "start_parameter": "",
            "payload": str(params["payload"]),  # not in Telegram's Invoice: for the test
        }

    def answer(self, params: dict[str, Any]) -> bool:
        query = str(params["pre_checkout_query_id"])
        if query in self.answers:
            raise ApiError(400, "Bad Request: query is too old or query ID is invalid")
        self.answers[query] = params
        return True

    def charge(self, user_id: int, stars: int, payload: str) -> Charge:
        number = next(self._numbers)
        made = Charge(f"stxCHARGE{number:04d}", user_id, stars, payload)
        self.charges[made.charge_id] = made
        return made

    def refund(self, params: dict[str, Any]) -> bool:
        charge = self.charges.get(str(params["telegram_payment_charge_id"]))
        if charge is None or charge.user_id != int(params["user_id"]):
            raise ApiError(400, "Bad Request: CHARGE_NOT_FOUND")
        if charge.charge_id in self.refunded:
            raise ApiError(400, "Bad Request: CHARGE_ALREADY_REFUNDED")
        self.refunded.append(charge.charge_id)
        return True
