-- Co-photographer invites expire and can be rotated by the owner; existing invites
-- get a week from the upgrade. Members keep the name they joined with (for
-- /members), and a removed photographer keeps a row with removed_at set, so their
-- uploads get a clear refusal instead of being taken for a guest's selfie.
ALTER TABLE events ADD COLUMN invite_expires_at REAL;
UPDATE events SET invite_expires_at = CAST(strftime('%s', 'now') AS REAL) + 604800;
ALTER TABLE event_members ADD COLUMN name TEXT;
ALTER TABLE event_members ADD COLUMN removed_at REAL;
