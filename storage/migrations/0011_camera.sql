-- Each event's FTP login for cameras (issue 12): shown with /ftp, rotated there.
-- The password is kept readable because /ftp shows it again to the event's
-- photographers (it is a device credential, like a Wi-Fi key). Progress of camera
-- uploads goes to the chat of the photographer who last opened /ftp. Usage counts
-- every completed file, so the quota also bounds refused and duplicate uploads.
CREATE TABLE camera_logins (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    username TEXT NOT NULL UNIQUE,
    password TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    locale TEXT NOT NULL,
    bytes_used INTEGER NOT NULL DEFAULT 0,
    files_used INTEGER NOT NULL DEFAULT 0,
    rotated_at REAL NOT NULL
);

-- A RAW file kept as the original of a photo shown as JPEG (issue 12): the JPEG the
-- camera sent with it, or the one rendered from it. Its blob is kept while this row is.
CREATE TABLE photo_raws (
    photo_id TEXT PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX photo_raws_sha ON photo_raws(sha256);
