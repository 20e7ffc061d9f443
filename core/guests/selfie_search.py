"""The search behind a guest's selfie: cap, one at a time, face choice, album, "not me".

`GuestDesk` (core.guests.desk) checks the join and the consent once and then calls
in here. Before any pixel is decoded the guest must be under the hourly cap of
the event and the daily cap of all events together, and have no other search
running. The daily cap is counted per keyed hash of the Telegram id in the
event's search log (what the photographer's /searches shows), which /forget does
not reset: any joined guest can look for anyone with that person's picture, so
the number of tries per person and day is bounded and visible to the photographer.
A selfie with one clear face searches at once; with several similar faces the
guest picks one from a numbered picture. Selfies are analysed on the guest lane
(through the guard; `core.faces.guest_lane`): threads and one-thread sessions of
their own, with indexing stepping aside, so a selfie is not queued behind
indexing. `album` is also what `eventlens find` calls: both doors rank alike.
Feedback works both ways: a "not me" face penalises look-alikes, a confirmed
("that's me") face asks the event alongside the selfies and keeps its photo in
the sure tier.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from eventlens.core.culling.album_order import Verdicts, verdicts
from eventlens.core.errors import (
    DailyLimitError,
    ManyFacesError,
    NoSearchError,
    RateLimitedError,
    SearchBusyError,
)
from eventlens.core.faces.calibration import Thresholds
from eventlens.core.faces.engine import Face, FaceEngine
from eventlens.core.faces.numbered import choices, numbered_image
from eventlens.core.faces.selfie import advice, faces_in_selfie, subject
from eventlens.core.guests.image_guard import GuestImageGuard
from eventlens.core.guests.outcomes import FaceChoice
from eventlens.core.guests.sessions import SearchSession, SearchSessions
from eventlens.core.reasons import Code
from eventlens.core.search.album import Album
from eventlens.core.search.feedback import penalised
from eventlens.core.search.matches import Match, search
from eventlens.storage.confirmations import ConfirmationStore
from eventlens.storage.culling import CullingStore
from eventlens.storage.hidden_photos import HiddenPhotoStore
from eventlens.storage.people import PeopleStore
from eventlens.storage.photos import FaceRecord, Photo, PhotoStore
from eventlens.storage.rejections import RejectionStore
from eventlens.storage.search_log import DailyCap, SearchLog
from eventlens.storage.vectors import VectorStore

HOUR = 3600.0


def guest_hash(key: bytes, guest_id: int) -> str:
    """A guest's name in the search log: stable, and not their id without the key."""
    return hmac.new(key, str(guest_id).encode("ascii"), hashlib.sha256).hexdigest()[:12]


@dataclass(frozen=True)
class SearchResult:
    event_id: str
    album: Album
    selfies: int
    advice: Code | None = None  # why another selfie would help (core/faces/selfie.py)


class GuestSearch:
    def __init__(
        self,
        engine: FaceEngine,
        vectors: VectorStore,
        photos: PhotoStore,
        people: PeopleStore,
        rejections: RejectionStore,
        confirmations: ConfirmationStore,
        hidden: HiddenPhotoStore,
        search_log: SearchLog,
        thresholds: Thresholds,
        searches_per_hour: int,
        searches_per_day: int,
        guard: GuestImageGuard,
        audit_key: bytes,
        sessions: SearchSessions | None = None,
        clock: Callable[[], float] = time.time,
        culling: CullingStore | None = None,
    ) -> None:
        self._engine = engine
        self._culling = culling
        self._vectors = vectors
        self._photos = photos
        self._people = people
        self._rejections = rejections
        self._confirmations = confirmations
        self._hidden = hidden
        self._log = search_log
        self._thresholds = thresholds
        self._per_hour = searches_per_hour
        self._per_day = searches_per_day
        self._audit_key = audit_key
        self._guard = guard
        self._clock = clock
        self.sessions = sessions or SearchSessions()
        self._busy: set[int] = set()
        # Guests who ran /forget while their search was running: it must not be kept.
        self._forgotten: set[int] = set()

    async def selfie(
        self, guest_id: int, event_id: str, data: bytes, refine: bool = False
    ) -> SearchResult | FaceChoice:
        """Search with a selfie; `refine` adds it to the current search's selfies."""
        with self._exclusive(guest_id):
            await self._admit(guest_id, event_id)
            faces = await self._guard.run(faces_in_selfie, self._engine, data)
            now = self._clock()
            previous = self.sessions.get(guest_id, now)
            kept = (
                previous.embeddings
                if refine and previous is not None and previous.event_id == event_id
                else []
            )
            session = SearchSession(event_id, list(kept))
            try:
                face = subject(faces)
            except ManyFacesError:
                session.candidates = choices(faces)
                image = await self._guard.run(numbered_image, data, session.candidates)
                self._keep(guest_id, session)
                return FaceChoice(image, len(session.candidates))
            return await self._search(guest_id, session, face)

    def choosing(self, guest_id: int, number: int) -> str:
        """The event of the open face choice, if face `number` (1-based) can be chosen."""
        return self._choice(guest_id, number).event_id

    async def choose(self, guest_id: int, number: int) -> SearchResult:
        """Continue a search with face `number` (1-based) of the numbered picture."""
        session = self._choice(guest_id, number)
        with self._exclusive(guest_id):
            return await self._search(guest_id, session, session.candidates[number - 1])

    def _choice(self, guest_id: int, number: int) -> SearchSession:
        session = self.sessions.get(guest_id, self._clock())
        if session is None or not 1 <= number <= len(session.candidates):
            raise NoSearchError()
        return session

    async def face(self, face_id: str) -> FaceRecord:
        """The face a button points at; refused once its photo left the event."""
        record = (await self._photos.faces([face_id])).get(face_id)
        if record is None:
            raise NoSearchError(Code.PHOTO_GONE)
        return record

    async def not_me(self, guest_id: int, record: FaceRecord) -> SearchResult | None:
        """Drop the face's photo from the guest's album and remember the face.

        Returns the updated album when a search is still open, else None.
        """
        await self._rejections.add(
            guest_id, record.event_id, record.photo_id, record.id, record.embedding
        )
        now = self._clock()
        session = self.sessions.get(guest_id, now)
        if session is None or session.event_id != record.event_id:
            return None
        session.album = session.album.without(record.photo_id)
        self.sessions.put(guest_id, session, now)
        return SearchResult(session.event_id, session.album, len(session.embeddings))

    async def confirm(self, guest_id: int, record: FaceRecord) -> tuple[bool, SearchResult | None]:
        """Keep the face as the guest's and move its photo into the album and share links.

        Returns whether it was new, and the updated album when a search is open.
        """
        added = await self._confirmations.add(guest_id, record.event_id, record.photo_id, record.id)
        now = self._clock()
        session = self.sessions.get(guest_id, now)
        if session is None or session.event_id != record.event_id:
            return added, None
        session.album = session.album.confirm(record.photo_id)
        self.sessions.put(guest_id, session, now)
        return added, SearchResult(session.event_id, session.album, len(session.embeddings))

    def current(self, guest_id: int) -> SearchResult | None:
        session = self.sessions.get(guest_id, self._clock())
        if session is None or not session.embeddings:
            return None
        return SearchResult(session.event_id, session.album, len(session.embeddings))

    async def photo_in_album(self, guest_id: int, face_id: str) -> Photo | None:
        """The photo of `face_id` if it is in the guest's current album (else None)."""
        result = self.current(guest_id)
        record = (await self._photos.faces([face_id])).get(face_id)
        if result is None or record is None or result.album.match(record.photo_id) is None:
            return None
        return await self._photos.get(record.photo_id)

    def embeddings(self, guest_id: int, event_id: str) -> list[NDArray[np.float32]]:
        """The current search's selfie embeddings (what `/follow` enrols)."""
        session = self.sessions.get(guest_id, self._clock())
        if session is None or session.event_id != event_id:
            return []
        return list(session.embeddings)

    def forget(self, guest_id: int) -> None:
        """Drop the guest's search, and the one still running, which then keeps nothing."""
        self.sessions.drop(guest_id)
        if guest_id in self._busy:
            self._forgotten.add(guest_id)

    def _keep(self, guest_id: int, session: SearchSession) -> None:
        if guest_id in self._forgotten:
            raise NoSearchError(Code.SEARCH_EXPIRED)
        self.sessions.put(guest_id, session, self._clock())

    async def _search(self, guest_id: int, session: SearchSession, face: Face) -> SearchResult:
        session.embeddings.append(face.embedding)
        session.candidates = []
        session.album = await self.album(session.event_id, session.embeddings, guest_id)
        self._keep(guest_id, session)
        album = session.album
        tip = advice(face, len(album.sure), len(album.maybe))
        return SearchResult(session.event_id, album, len(session.embeddings), tip)

    async def album(
        self,
        event_id: str,
        embeddings: Sequence[NDArray[np.float32]],
        guest_id: int | None = None,
    ) -> Album:
        """Ranked photos of the person, less and penalised by the guest's "not me"s.

        The faces the guest confirmed ask the event too, and their photos are sure;
        photos other guests or the photographer hid are left out. With culling
        verdicts, bursts fold behind their best photo and bad shots go last.
        """
        if guest_id is None:
            matches = await self._matches(event_id, embeddings)
            return Album.of(matches, verdicts=await self._verdicts(matches))
        confirmations = await self._confirmations.of_guest(guest_id, event_id)
        queries = [*embeddings, *(c.embedding for c in confirmations if c.embedding is not None)]
        matches = await self._matches(event_id, queries)
        rejections = await self._rejections.of_guest(guest_id, event_id)
        if rejections:
            matches = await self._penalise(matches, [r.embedding for r in rejections])
        hidden = await self._hidden.hidden_from(guest_id, event_id)
        return Album.of(
            matches,
            excluded={r.photo_id for r in rejections} | hidden,
            confirmed={c.photo_id for c in confirmations},
            verdicts=await self._verdicts(matches),
        )

    async def _verdicts(self, matches: Sequence[Match]) -> Verdicts | None:
        return await verdicts(self._culling, matches) if self._culling is not None else None

    async def _matches(
        self, event_id: str, embeddings: Sequence[NDArray[np.float32]]
    ) -> list[Match]:
        return await search(
            self._vectors, self._photos, self._people, event_id, embeddings, self._thresholds
        )

    async def _penalise(
        self, matches: list[Match], rejected: list[NDArray[np.float32]]
    ) -> list[Match]:
        faces = await self._photos.faces([match.face_id for match in matches])
        embeddings = {face_id: face.embedding for face_id, face in faces.items()}
        return penalised(matches, embeddings, rejected, self._thresholds)

    async def _admit(self, guest_id: int, event_id: str) -> None:
        daily = DailyCap(guest_hash(self._audit_key, guest_id), self._per_day)
        wait = await self._log.admit(guest_id, event_id, self._clock(), self._per_hour, HOUR, daily)
        if wait is not None and wait.daily:
            raise DailyLimitError(wait.seconds)
        if wait is not None:
            raise RateLimitedError(wait.seconds)

    def _exclusive(self, guest_id: int) -> _Exclusive:
        return _Exclusive(self._busy, self._forgotten, guest_id)


class _Exclusive:
    """One search per guest at a time; a second selfie meanwhile is refused, not queued."""

    def __init__(self, busy: set[int], forgotten: set[int], guest_id: int) -> None:
        self._busy = busy
        self._forgotten = forgotten
        self._guest = guest_id

    def __enter__(self) -> None:
        if self._guest in self._busy:
            raise SearchBusyError()
        self._busy.add(self._guest)

    def __exit__(self, *_: object) -> None:
        self._busy.discard(self._guest)
        self._forgotten.discard(self._guest)
