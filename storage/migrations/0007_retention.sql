-- Retention of guest data: an event's joins, consent, enrolments, searches, share
-- links, "not me" marks and queued pushes are kept until `closed_at` plus
-- `guest_data_days` days, then the daily purge deletes them. /close sets
-- `closed_at`, /reopen clears it.
ALTER TABLE events ADD COLUMN closed_at REAL;
ALTER TABLE events ADD COLUMN guest_data_days INTEGER NOT NULL DEFAULT 30;
-- Events closed before retention existed count as closed now: they get the full period.
UPDATE events SET closed_at = CAST(strftime('%s', 'now') AS REAL) WHERE closed = 1;
CREATE INDEX events_closed_at ON events(closed_at) WHERE closed_at IS NOT NULL;
-- Expired share links are purged daily.
CREATE INDEX share_links_expiry ON share_links(expires_at);
