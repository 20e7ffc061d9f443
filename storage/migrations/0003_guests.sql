-- Guests and everything kept about them. Every table hangs off `guests` with
-- ON DELETE CASCADE, so forgetting a guest is one DELETE. Selfies are never
-- stored: only the embeddings of guests who chose to follow an event.
CREATE TABLE guests (
    id INTEGER PRIMARY KEY,  -- Telegram user id
    language TEXT,           -- chosen with /language, NULL: from Telegram
    telegram_language TEXT,  -- the app's language at the last join (for pushes)
    created_at REAL NOT NULL
);

-- A guest may search an event only after joining it through its token.
CREATE TABLE joins (
    guest_id INTEGER NOT NULL REFERENCES guests(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    via TEXT NOT NULL CHECK (via IN ('link', 'qr')),
    joined_at REAL NOT NULL,
    consent_at REAL,        -- NULL until the guest accepts the notice
    following INTEGER NOT NULL DEFAULT 0,
    last_push_at REAL,      -- live updates are batched per guest
    PRIMARY KEY (guest_id, event_id)
);
CREATE INDEX joins_event ON joins(event_id, following);

-- Embeddings of a following guest's selfies (never the selfies themselves).
CREATE TABLE enrolments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guest_id INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    embedding BLOB NOT NULL,
    created_at REAL NOT NULL,
    FOREIGN KEY (guest_id, event_id) REFERENCES joins(guest_id, event_id) ON DELETE CASCADE
);
CREATE INDEX enrolments_join ON enrolments(guest_id, event_id);

-- "Not me": the photo leaves the guest's album, and faces like this one are
-- penalised in the guest's later searches.
CREATE TABLE rejections (
    guest_id INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    photo_id TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    face_id TEXT NOT NULL,
    embedding BLOB NOT NULL,
    created_at REAL NOT NULL,
    PRIMARY KEY (guest_id, event_id, photo_id),
    FOREIGN KEY (guest_id, event_id) REFERENCES joins(guest_id, event_id) ON DELETE CASCADE
);

-- Share links: only the random id is stored, the URL's signature is derived
-- from it with the server's secret, so a copy of this table opens nothing.
CREATE TABLE share_links (
    id TEXT PRIMARY KEY,
    guest_id INTEGER NOT NULL REFERENCES guests(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    revoked_at REAL
);
CREATE INDEX share_links_guest ON share_links(guest_id);

CREATE TABLE share_link_photos (
    link_id TEXT NOT NULL REFERENCES share_links(id) ON DELETE CASCADE,
    photo_id TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (link_id, photo_id)
);
CREATE INDEX share_link_photos_order ON share_link_photos(link_id, position);

-- One row per selfie search, for the per-hour cap, pruned after a day.
CREATE TABLE searches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    guest_id INTEGER NOT NULL REFERENCES guests(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    at REAL NOT NULL
);
CREATE INDEX searches_guest ON searches(guest_id, event_id, at);

-- Photos matched to a follower and not yet (or already) pushed to them.
CREATE TABLE pushes (
    guest_id INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    photo_id TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    score REAL NOT NULL,
    matched_at REAL NOT NULL,
    sent_at REAL,
    PRIMARY KEY (guest_id, event_id, photo_id),
    FOREIGN KEY (guest_id, event_id) REFERENCES joins(guest_id, event_id) ON DELETE CASCADE
);
CREATE INDEX pushes_pending ON pushes(sent_at, guest_id);

-- Telegram file ids of what the guest side uploaded for a photo: the chat-sized
-- preview and the GPS-free original, so each is uploaded once and then re-sent.
CREATE TABLE guest_files (
    photo_id TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('preview', 'original')),
    file_id TEXT NOT NULL,
    PRIMARY KEY (photo_id, kind)
);
