-- "That's me": a possible match the guest confirmed. The photo joins the guest's
-- album and share links, and the face (its embedding, read from `faces`: no copy
-- of anyone's face data is made here) joins the guest's queries for this event
-- (searches and, while following, live updates). The row goes with its photo.
CREATE TABLE confirmations (
    guest_id INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    photo_id TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    face_id TEXT NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (guest_id, event_id, photo_id),
    FOREIGN KEY (guest_id, event_id) REFERENCES joins(guest_id, event_id) ON DELETE CASCADE
);

-- "Hide from others": a guest keeps a photo of themselves out of every other
-- guest's album, share links and live updates, where the photographer allows it
-- (a row in guest_hiding). The photographer lists what was hidden.
CREATE TABLE guest_hiding (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    allowed_at REAL NOT NULL
);

CREATE TABLE hidden_photos (
    guest_id INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    photo_id TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    created_at REAL NOT NULL,
    PRIMARY KEY (guest_id, event_id, photo_id),
    FOREIGN KEY (guest_id, event_id) REFERENCES joins(guest_id, event_id) ON DELETE CASCADE
);
CREATE INDEX hidden_photos_event ON hidden_photos(event_id);
