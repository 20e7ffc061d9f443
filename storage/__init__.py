"""Where things are kept: SQLite (source of truth), content-addressed blobs, Chroma.
Installed as `eventlens.storage`."""

if __name__ != "eventlens.storage":  # pragma: no cover - a wrong sys.path, not a code path
    raise ImportError("import this package as eventlens.storage, never as the bare 'storage'")
