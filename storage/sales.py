"""Originals for Stars: event prices, orders (invoice payloads) and the payment ledger.

The ledger's key is Telegram's `telegram_payment_charge_id`: recording a charge a
second time (a repeated `successful_payment` update) changes nothing and says so.
A payment stays "paid" until its originals went out ("delivered") or it was
refunded; those still paid are what a restarted bot delivers, minus the originals
already sent for it (`sale_deliveries`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from eventlens.storage.db import Database, Row

OrderKind = Literal["photo", "album"]


@dataclass(frozen=True)
class Price:
    photo_stars: int
    album_stars: int


@dataclass(frozen=True)
class Order:
    id: str  # the invoice payload
    event_id: str
    guest_id: int
    kind: OrderKind
    stars: int
    photo_ids: tuple[str, ...]
    created_at: float


@dataclass(frozen=True)
class Payment:
    charge_id: str  # telegram_payment_charge_id
    order_id: str
    event_id: str
    guest_id: int
    stars: int
    paid_at: float
    delivered_at: float | None
    refunded_at: float | None


@dataclass(frozen=True)
class SalesCount:
    sales: int
    stars: int  # paid, refunds included
    refunds: int
    refunded_stars: int


def _payment(row: Row) -> Payment:
    return Payment(
        charge_id=row["charge_id"],
        order_id=row["order_id"],
        event_id=row["event_id"],
        guest_id=row["guest_id"],
        stars=row["stars"],
        paid_at=row["paid_at"],
        delivered_at=row["delivered_at"],
        refunded_at=row["refunded_at"],
    )


_PAYMENT_COLUMNS = (
    "charge_id, order_id, event_id, guest_id, stars, paid_at, delivered_at, refunded_at"
)


class SalesStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def price(self, event_id: str) -> Price | None:
        """The event's prices; None: originals are free."""
        row = await self._db.fetch_one(
            "SELECT photo_stars, album_stars FROM event_prices WHERE event_id = ?", (event_id,)
        )
        return Price(row["photo_stars"], row["album_stars"]) if row else None

    async def set_price(self, event_id: str, price: Price | None, now: float) -> None:
        async with self._db.transaction() as connection:
            if price is None:
                await connection.execute("DELETE FROM event_prices WHERE event_id = ?", (event_id,))
                return
            await connection.execute(
                "INSERT INTO event_prices (event_id, photo_stars, album_stars, updated_at) "
                "VALUES (?,?,?,?) ON CONFLICT (event_id) DO UPDATE SET "
                "photo_stars = excluded.photo_stars, album_stars = excluded.album_stars, "
                "updated_at = excluded.updated_at",
                (event_id, price.photo_stars, price.album_stars, now),
            )

    async def add_order(self, order: Order) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO sale_orders (id, event_id, guest_id, kind, stars, created_at) "
                "VALUES (?,?,?,?,?,?)",
                (
                    order.id,
                    order.event_id,
                    order.guest_id,
                    order.kind,
                    order.stars,
                    order.created_at,
                ),
            )
            await connection.executemany(
                "INSERT INTO sale_order_photos (order_id, position, photo_id) VALUES (?,?,?)",
                [(order.id, n, photo_id) for n, photo_id in enumerate(order.photo_ids)],
            )

    async def order(self, order_id: str) -> Order | None:
        row = await self._db.fetch_one("SELECT * FROM sale_orders WHERE id = ?", (order_id,))
        if row is None:
            return None
        photos = await self._db.fetch_all(
            "SELECT photo_id FROM sale_order_photos WHERE order_id = ? ORDER BY position",
            (order_id,),
        )
        return Order(
            id=row["id"],
            event_id=row["event_id"],
            guest_id=row["guest_id"],
            kind=row["kind"],
            stars=row["stars"],
            photo_ids=tuple(photo["photo_id"] for photo in photos),
            created_at=row["created_at"],
        )

    async def record_payment(self, payment: Payment) -> bool:
        """Add the charge to the ledger; False when it is already there."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                f"INSERT INTO sale_payments ({_PAYMENT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?) "
                "ON CONFLICT DO NOTHING",
                (
                    payment.charge_id,
                    payment.order_id,
                    payment.event_id,
                    payment.guest_id,
                    payment.stars,
                    payment.paid_at,
                    payment.delivered_at,
                    payment.refunded_at,
                ),
            )
            return cursor.rowcount == 1

    async def payment(self, charge_id: str) -> Payment | None:
        row = await self._db.fetch_one(
            f"SELECT {_PAYMENT_COLUMNS} FROM sale_payments WHERE charge_id = ?", (charge_id,)
        )
        return _payment(row) if row else None

    async def paid_for(self, order_id: str) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 FROM sale_payments WHERE order_id = ?", (order_id,)
        )
        return row is not None

    async def undelivered(self) -> list[Payment]:
        """Paid, not delivered, not refunded: oldest first."""
        rows = await self._db.fetch_all(
            f"SELECT {_PAYMENT_COLUMNS} FROM sale_payments "
            "WHERE delivered_at IS NULL AND refunded_at IS NULL ORDER BY paid_at"
        )
        return [_payment(row) for row in rows]

    async def sent_photos(self, charge_id: str) -> set[str]:
        rows = await self._db.fetch_all(
            "SELECT photo_id FROM sale_deliveries WHERE charge_id = ?", (charge_id,)
        )
        return {row["photo_id"] for row in rows}

    async def mark_sent(self, charge_id: str, photo_id: str, now: float) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO sale_deliveries (charge_id, photo_id, sent_at) VALUES (?,?,?) "
                "ON CONFLICT (charge_id, photo_id) DO NOTHING",
                (charge_id, photo_id, now),
            )

    async def mark_delivered(self, charge_id: str, now: float) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE sale_payments SET delivered_at = ? "
                "WHERE charge_id = ? AND delivered_at IS NULL",
                (now, charge_id),
            )

    async def mark_refunded(self, charge_id: str, now: float) -> bool:
        """False when the charge was refunded before (or is unknown)."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE sale_payments SET refunded_at = ? "
                "WHERE charge_id = ? AND refunded_at IS NULL",
                (now, charge_id),
            )
            return cursor.rowcount == 1

    async def of_event(self, event_id: str) -> SalesCount:
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS sales, COALESCE(SUM(stars), 0) AS stars, "
            "COUNT(refunded_at) AS refunds, "
            "COALESCE(SUM(CASE WHEN refunded_at IS NULL THEN 0 ELSE stars END), 0) AS refunded "
            "FROM sale_payments WHERE event_id = ?",
            (event_id,),
        )
        assert row is not None
        return SalesCount(row["sales"], row["stars"], row["refunds"], row["refunded"])
