"""Each guest's current search, in memory only: it is never written to disk.

Holds the selfie embeddings ("add another selfie" refines with all of them), the
album being paged through, and the faces offered by "which one are you?".
Sessions expire after an hour and the oldest go first past a size bound; a
restart forgets them all, and the guest simply sends a selfie again.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.engine import Face
from eventlens.core.search.album import Album

TTL_SECONDS = 3600.0
MAX_SESSIONS = 10_000


@dataclass
class SearchSession:
    event_id: str
    embeddings: list[NDArray[np.float32]] = field(default_factory=list)
    album: Album = field(default_factory=lambda: Album((), ()))
    candidates: list[Face] = field(default_factory=list)
    touched_at: float = 0.0


class SearchSessions:
    def __init__(self, ttl: float = TTL_SECONDS, capacity: int = MAX_SESSIONS) -> None:
        self._ttl = ttl
        self._capacity = capacity
        self._sessions: OrderedDict[int, SearchSession] = OrderedDict()

    def get(self, guest_id: int, now: float) -> SearchSession | None:
        session = self._sessions.get(guest_id)
        if session is None or now - session.touched_at > self._ttl:
            self._sessions.pop(guest_id, None)
            return None
        return session

    def put(self, guest_id: int, session: SearchSession, now: float) -> None:
        session.touched_at = now
        self._sessions[guest_id] = session
        self._sessions.move_to_end(guest_id)
        while len(self._sessions) > self._capacity:
            self._sessions.popitem(last=False)

    def drop(self, guest_id: int) -> None:
        self._sessions.pop(guest_id, None)

    def __contains__(self, guest_id: int) -> bool:
        return guest_id in self._sessions
