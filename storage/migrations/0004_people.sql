-- People in an event: clusters of faces, rebuilt by core/people.py after indexing.
-- A face belongs to at most one person; faces of one photo never share a person.
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    face_count INTEGER NOT NULL,
    photo_count INTEGER NOT NULL,
    best_face_id TEXT NOT NULL,
    -- mean similarity of the members to their centroid (how tight the cluster is)
    cohesion REAL NOT NULL,
    centroid BLOB NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX people_event ON people(event_id, face_count);

CREATE TABLE face_people (
    face_id TEXT PRIMARY KEY REFERENCES faces(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE
);
CREATE INDEX face_people_person ON face_people(person_id);
CREATE INDEX face_people_event ON face_people(event_id);
