-- Which process claimed a running job: on a shared queue (PostgreSQL) a worker that
-- starts takes back only its own claims and stale ones, never a live worker's.
ALTER TABLE jobs ADD COLUMN claimed_by TEXT;
