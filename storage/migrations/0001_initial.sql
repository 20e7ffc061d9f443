-- Events, their photos, every face with its embedding, and the indexing queue.
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    event_date TEXT,
    owner_id INTEGER,
    guest_token TEXT NOT NULL UNIQUE,
    invite_token TEXT NOT NULL UNIQUE,
    closed INTEGER NOT NULL DEFAULT 0,
    model_pack TEXT NOT NULL,
    created_at REAL NOT NULL
);

CREATE TABLE photos (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    source TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    width INTEGER,
    height INTEGER,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'indexed')),
    face_count INTEGER NOT NULL DEFAULT 0,
    uploaded_by INTEGER,
    created_at REAL NOT NULL,
    indexed_at REAL,
    UNIQUE (event_id, sha256)
);
CREATE INDEX photos_event ON photos(event_id, status);
CREATE INDEX photos_sha ON photos(sha256);

CREATE TABLE faces (
    id TEXT PRIMARY KEY,
    photo_id TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    face_index INTEGER NOT NULL,
    x1 REAL NOT NULL,
    y1 REAL NOT NULL,
    x2 REAL NOT NULL,
    y2 REAL NOT NULL,
    landmarks BLOB NOT NULL,
    det_score REAL NOT NULL,
    size_px REAL NOT NULL,
    sharpness REAL NOT NULL,
    quality REAL NOT NULL,
    embedding BLOB NOT NULL
);
CREATE INDEX faces_event ON faces(event_id);
CREATE INDEX faces_photo ON faces(photo_id);

CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    photo_id TEXT NOT NULL UNIQUE REFERENCES photos(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    batch_id TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done')),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX jobs_status ON jobs(status, id);

-- Files refused after they were stored (corrupt past the header): kept so a
-- summary can name them; the photo row and its blob are gone.
CREATE TABLE skipped (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    batch_id TEXT NOT NULL,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX skipped_batch ON skipped(batch_id);
