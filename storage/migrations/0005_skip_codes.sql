-- Skips keep a reason code and its parameters (JSON) instead of an English sentence,
-- so every front door renders them in its own language. Rows written before keep
-- their sentence as the parameter of the code 'legacy'.
CREATE TABLE skipped_coded (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    batch_id TEXT NOT NULL,
    source TEXT NOT NULL,
    code TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    created_at REAL NOT NULL
);
INSERT INTO skipped_coded (id, event_id, batch_id, source, code, params, created_at)
    SELECT id, event_id, batch_id, source, 'legacy', json_object('text', reason), created_at
    FROM skipped;
DROP TABLE skipped;
ALTER TABLE skipped_coded RENAME TO skipped;
CREATE INDEX skipped_batch ON skipped(batch_id);
