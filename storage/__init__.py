"""Where things are kept: SQLite (source of truth), content-addressed blobs, Chroma."""
