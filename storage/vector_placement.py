"""Which Chroma server holds an event's collection: rendezvous hashing of the event id.

Every process computes the same answer from the same list of servers, with no table
to share and no coordination: each server scores the event by SHA-256 of (server URL,
event id) and the highest score wins (never Python's `hash()`, which is salted per
process). Adding a server moves only the events that now score highest on it, about
1/N of them; removing one moves only its own. The order of the list does not matter.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def server_key(url: str) -> str:
    """One spelling per server: `HTTP://Host:8000/` and `http://host:8000` are the same."""
    return url.strip().rstrip("/").lower()


def _score(server: str, event_id: str) -> bytes:
    return hashlib.sha256(f"{server_key(server)}\0{event_id}".encode()).digest()


def place(event_id: str, servers: Sequence[str]) -> int:
    """The index in `servers` of the one that holds `event_id`'s collection."""
    if not servers:
        raise ValueError("no Chroma server to place an event on")
    return max(range(len(servers)), key=lambda index: _score(servers[index], event_id))
