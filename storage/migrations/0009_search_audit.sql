-- How many selfie searches each guest ran in each event per UTC day, for the
-- photographer's /searches and the daily cap across events. A guest is named by a
-- keyed hash of their Telegram id (never the id, never a selfie). Rows hang off the
-- event, not the guest: /forget does not reset the daily cap or the event's log.
CREATE TABLE search_audit (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    guest_hash TEXT NOT NULL,
    searches INTEGER NOT NULL,
    PRIMARY KEY (event_id, day, guest_hash)
);
CREATE INDEX search_audit_guest ON search_audit(guest_hash, day);
