-- The photographer's corrections to people (names, merges, split-out faces) kept as
-- constraints that every re-clustering honours, and the views the dashboard counts.
ALTER TABLE people ADD COLUMN name TEXT;

-- 'same': the two faces are one person (a merge); 'apart': never one person (a split).
CREATE TABLE people_links (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    face_id TEXT NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
    other_face_id TEXT NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('same', 'apart')),
    PRIMARY KEY (face_id, other_face_id, kind)
);
CREATE INDEX people_links_event ON people_links(event_id);

-- How often guests opened an event's share links and gallery pages: counts only.
CREATE TABLE event_views (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (event_id, kind)
);
