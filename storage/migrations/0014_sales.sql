-- Originals sold for Telegram Stars: an event's prices, the orders behind invoices,
-- and the ledger of payments Telegram confirmed (the truth for delivery and refunds).

-- No row: originals are free.
CREATE TABLE event_prices (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    photo_stars INTEGER NOT NULL,
    album_stars INTEGER NOT NULL,
    updated_at REAL NOT NULL
);

-- One invoice: its id is the invoice payload; the photos are fixed when it is made.
-- Orders go with the guest (/forget) and the event; the ledger below keeps only what a
-- refund needs.
CREATE TABLE sale_orders (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    guest_id INTEGER NOT NULL REFERENCES guests(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('photo', 'album')),
    stars INTEGER NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX sale_orders_event ON sale_orders(event_id);

CREATE TABLE sale_order_photos (
    order_id TEXT NOT NULL REFERENCES sale_orders(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    photo_id TEXT NOT NULL,
    PRIMARY KEY (order_id, position)
);

-- A successful payment, once per Telegram charge; kept after its event is deleted
-- (a refund still needs it), so no foreign keys.
CREATE TABLE sale_payments (
    charge_id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    guest_id INTEGER NOT NULL,
    stars INTEGER NOT NULL,
    paid_at REAL NOT NULL,
    delivered_at REAL,
    refunded_at REAL
);
CREATE INDEX sale_payments_event ON sale_payments(event_id);
CREATE INDEX sale_payments_undelivered ON sale_payments(delivered_at, refunded_at);

-- Each original of a payment once it went out: a delivery cut short resumes with the
-- rest, never sending one twice.
CREATE TABLE sale_deliveries (
    charge_id TEXT NOT NULL REFERENCES sale_payments(charge_id) ON DELETE CASCADE,
    photo_id TEXT NOT NULL,
    sent_at REAL NOT NULL,
    PRIMARY KEY (charge_id, photo_id)
);
