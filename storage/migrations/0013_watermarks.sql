-- An event's watermark: a text or a logo, where it goes, how big and how opaque.
-- `version` grows on every save and on clearing (kind 'none'), so cached previews
-- and Telegram file ids made under an older watermark are never used again.
CREATE TABLE watermarks (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('text', 'logo', 'none')),
    text TEXT,
    logo BLOB,
    position TEXT NOT NULL,
    size REAL NOT NULL,
    opacity REAL NOT NULL,
    version INTEGER NOT NULL,
    updated_at REAL NOT NULL
);

-- The watermark version a preview's file id was uploaded under (0: none).
ALTER TABLE guest_files ADD COLUMN watermark INTEGER NOT NULL DEFAULT 0;
