"""Live updates: newly indexed faces matched against followers' enrolments.

Followers are few per event (tens to hundreds, a few vectors each), so a matrix
product in memory beats a vector-store round trip. Only `sure` matches are
pushed: an unasked-for photo of a stranger is worse than a missed one, and the
guest's next search still shows the `maybe`s. Pushes are queued in SQLite and
sent in batches of at most one media group per guest and event per interval;
each batch carries what its message needs (the event's name, the guest's language).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.calibration import Thresholds
from eventlens.core.faces.quality import RELIABLE_QUALITY
from eventlens.core.search.album import PAGE_SIZE
from eventlens.core.search.feedback import penalised
from eventlens.core.search.matches import Match, query_vectors
from eventlens.storage.enrolments import EnrolmentStore
from eventlens.storage.events import EventStore
from eventlens.storage.guests import GuestStore
from eventlens.storage.photos import FaceRecord
from eventlens.storage.pushes import PendingPush, PushStore
from eventlens.storage.rejections import RejectionStore


@dataclass(frozen=True)
class PushBatch:
    guest_id: int
    event_id: str
    photo_ids: tuple[str, ...]
    waiting: int  # further matches held for the next interval
    event_name: str
    language: str | None  # the guest's chosen or Telegram language


@dataclass(frozen=True)
class DuePushes:
    batches: list[PushBatch]
    next_in: float | None  # seconds until a held batch falls due; None if none is held


def sure_matches(
    faces: Sequence[FaceRecord],
    enrolment: Sequence[NDArray[np.float32]],
    thresholds: Thresholds,
) -> list[Match]:
    """One `sure` match per photo whose best face is the enrolled guest."""
    if not faces or not enrolment:
        return []
    queries = query_vectors(enrolment)
    matrix = np.stack([face.embedding for face in faces]).astype(np.float32)
    scores = (matrix @ queries.T).max(axis=1)
    best: dict[str, Match] = {}
    for face, score in zip(faces, scores, strict=True):
        if score < thresholds.sure or face.quality < RELIABLE_QUALITY:
            continue
        match = Match(face.photo_id, face.id, round(float(score), 4), "sure")
        if face.photo_id not in best or match.score > best[face.photo_id].score:
            best[face.photo_id] = match
    return sorted(best.values(), key=lambda match: -match.score)


class LiveUpdates:
    def __init__(
        self,
        enrolments: EnrolmentStore,
        rejections: RejectionStore,
        pushes: PushStore,
        events: EventStore,
        guests: GuestStore,
        thresholds: Thresholds,
        interval_seconds: float,
    ) -> None:
        self._events = events
        self._guests = guests
        self._enrolments = enrolments
        self._rejections = rejections
        self._pushes = pushes
        self._thresholds = thresholds
        self._interval = interval_seconds
        self._wake = asyncio.Event()

    @property
    def wake(self) -> asyncio.Event:
        """Set when new pushes are queued, so a sender need not poll blindly."""
        return self._wake

    async def on_indexed(self, event_id: str, faces: Sequence[FaceRecord]) -> int:
        """Queue the new photos that match each follower; returns how many were queued."""
        if not faces:
            return 0
        followers = await self._enrolments.of_followers(event_id)
        queued: list[PendingPush] = []
        embeddings = {face.id: face.embedding for face in faces}
        for guest_id, enrolment in followers.items():
            matches = sure_matches(faces, enrolment, self._thresholds)
            rejected = [r.embedding for r in await self._rejections.of_guest(guest_id, event_id)]
            kept = penalised(matches, embeddings, rejected, self._thresholds)
            queued += [
                PendingPush(guest_id, event_id, m.photo_id, m.score)
                for m in kept
                if m.tier == "sure"
            ]
        added = await self._pushes.add(queued)
        if added:
            self._wake.set()
        return added

    async def due(self, now: float) -> DuePushes:
        """Batches whose guest has had no push for this event within the interval."""
        grouped: dict[tuple[int, str], list[str]] = {}
        last: dict[tuple[int, str], float | None] = {}
        for queued in await self._pushes.pending():
            key = (queued.push.guest_id, queued.push.event_id)
            grouped.setdefault(key, []).append(queued.push.photo_id)
            last[key] = queued.last_push_at
        batches = []
        held: list[float] = []
        for (guest_id, event_id), photo_ids in grouped.items():
            previous = last[(guest_id, event_id)]
            if previous is not None and now - previous < self._interval:
                held.append(previous + self._interval - now)
                continue
            event = await self._events.by_id(event_id)
            batches.append(
                PushBatch(
                    guest_id,
                    event_id,
                    tuple(photo_ids[:PAGE_SIZE]),
                    max(0, len(photo_ids) - PAGE_SIZE),
                    event.name if event else "",
                    await self._guests.push_language(guest_id),
                )
            )
        return DuePushes(batches, min(held) if held else None)

    async def sent(self, batch: PushBatch, now: float) -> None:
        await self._pushes.mark_sent(batch.guest_id, batch.event_id, batch.photo_ids, now)
