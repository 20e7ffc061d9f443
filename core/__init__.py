"""Every rule of EventLens (faces, media, events, ingest, people, search, guests).

No Telegram types: front doors (bot, CLI, web) call these use cases with plain
values and render the codes that come back. Installed as `eventlens.core`.
"""

if __name__ != "eventlens.core":  # pragma: no cover - a wrong sys.path, not a code path
    raise ImportError("import this package as eventlens.core, never as the bare 'core'")
