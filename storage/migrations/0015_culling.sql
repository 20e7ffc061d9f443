-- Culling verdicts, written when a photo is indexed (core/culling/assess.py), so
-- that albums and /cull only read them; and photos the photographer hid from guests.
CREATE TABLE photo_culling (
    photo_id TEXT PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    sharpness REAL NOT NULL,
    brightness REAL NOT NULL,
    highlights REAL NOT NULL,
    shadows REAL NOT NULL,
    phash TEXT NOT NULL,
    taken_at REAL,
    group_id TEXT NOT NULL,
    assessed_at REAL NOT NULL
);
CREATE INDEX photo_culling_taken ON photo_culling(event_id, taken_at);
CREATE INDEX photo_culling_assessed ON photo_culling(event_id, assessed_at);
CREATE INDEX photo_culling_group ON photo_culling(event_id, group_id);

CREATE TABLE face_culling (
    face_id TEXT PRIMARY KEY REFERENCES faces(id) ON DELETE CASCADE,
    photo_id TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    blurred INTEGER NOT NULL,
    eyes REAL
);
CREATE INDEX face_culling_photo ON face_culling(photo_id);

CREATE TABLE culled_photos (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    photo_id TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    hidden_by INTEGER,
    created_at REAL NOT NULL,
    PRIMARY KEY (event_id, photo_id)
);
