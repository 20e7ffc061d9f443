"""Everything a guest can ask for, one method each; the front door only renders the answer.

`photo` owns the whole selfie: a photo of the event's QR code joins (the poster way in;
a guest already searching gets the quick scan, and the thorough one only when the photo
holds no single face); any other photo goes to the event joined last, whose join and
consent are checked here once, then to the search (hourly cap, one at a time, face
choice), and comes back as an album with its share link, which opens only the sure
photos and those the guest confirmed ("that's me"), never possible matches. Joining
needs the event's guest token; slugs and ids open nothing. Following keeps only the
embeddings of the current search's selfies, never the selfies. Forgetting removes every
row (cascading from the guest), folds the WAL so the rows leave the files on disk, and
drops the search held in memory, also one still running
(it then ends as expired and keeps nothing).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

from eventlens.core.errors import (
    ConsentRequiredError,
    ManyFacesError,
    NoFaceError,
    NoSearchError,
    NotAnImageError,
    NotJoinedError,
    UnknownEventError,
)
from eventlens.core.events.packs import require_pack
from eventlens.core.guests.image_guard import GuestImageGuard
from eventlens.core.guests.outcomes import (
    AlbumReady,
    Confirmed,
    FaceChoice,
    Following,
    FollowOutcome,
    Found,
    Hidden,
    HideOutcome,
    HidingOff,
    Joined,
    JoinedEvent,
    LinkSummary,
    NeedsConsent,
    NoEvent,
    NotFollowing,
    NothingFound,
    OriginalPhoto,
    PhotoOutcome,
    SelfieFirst,
    Unfollowed,
    UnfollowOutcome,
)
from eventlens.core.guests.selfie_search import GuestSearch, SearchResult
from eventlens.core.guests.share_links import ShareLinks
from eventlens.core.media.qr_read import JOIN_PREFIX, QUICK, REST, THOROUGH, find_join_payload
from eventlens.core.reasons import Code
from eventlens.core.records import Event, Join, JoinVia, PrivacyReport
from eventlens.core.search.album import Album
from eventlens.storage.db import Database
from eventlens.storage.enrolments import EnrolmentStore
from eventlens.storage.events import EventStore
from eventlens.storage.guests import GuestStore
from eventlens.storage.hidden_photos import HiddenPhotoStore
from eventlens.storage.privacy import privacy_report
from eventlens.storage.sales import SalesStore


class GuestDesk:
    def __init__(
        self,
        db: Database,
        events: EventStore,
        guests: GuestStore,
        enrolments: EnrolmentStore,
        search: GuestSearch,
        links: ShareLinks,
        model_pack: str,
        guard: GuestImageGuard,
        hidden: HiddenPhotoStore,
        sales: SalesStore,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._sales = sales
        self._guard = guard
        self._hidden = hidden
        self._db = db
        self._pack = model_pack
        self._events = events
        self._guests = guests
        self._enrolments = enrolments
        self._search = search
        self._links = links
        self._clock = clock

    async def join(
        self,
        guest_id: int,
        payload: str,
        via: JoinVia = "link",
        telegram_language: str | None = None,
    ) -> Joined:
        """Join with a deep-link payload `ev_<token>`."""
        token = payload.removeprefix(JOIN_PREFIX) if payload.startswith(JOIN_PREFIX) else ""
        event = await self._events.by_guest_token(token) if token else None
        if event is None:
            raise UnknownEventError()
        join, _ = await self._guests.join(guest_id, event.id, via, telegram_language)
        return JoinedEvent(event) if join.consented else NeedsConsent(event)

    async def accept(self, guest_id: int, event_id: str) -> JoinedEvent | NoEvent:
        """Accept the privacy notice of an event the guest joined."""
        join = await self._guests.get_join(guest_id, event_id)
        event = await self._events.by_id(event_id) if join is not None else None
        if event is None:
            return NoEvent()
        await self._guests.accept(guest_id, event_id)
        return JoinedEvent(event)

    async def joined(self, guest_id: int, event_id: str) -> Join | None:
        return await self._guests.get_join(guest_id, event_id)

    async def current_event(self, guest_id: int) -> Event | None:
        """The event a selfie goes to: the one joined most recently."""
        current = await self._current(guest_id)
        return current[0] if current else None

    async def photo(
        self,
        guest_id: int,
        data: bytes,
        telegram_language: str | None = None,
        refine: bool = False,
    ) -> PhotoOutcome:
        """A guest's photo: the event's QR code joins, anything else is searched as a selfie.

        `refine` adds the selfie to the current search's selfies ("another selfie").
        """
        current = await self._current(guest_id)
        searching = current is not None and current[1].consented
        try:
            await self._guard.admit(guest_id, data)
        except NotAnImageError:  # no QR code in it: the guest hears about the photo below
            payload = None
        else:
            passes = QUICK if searching else THOROUGH
            payload = await self._guard.run(find_join_payload, data, passes)
        if payload is not None:
            return await self.join(guest_id, payload, "qr", telegram_language)
        if current is None:
            return NoEvent()
        event, join = current
        if not join.consented:
            return NeedsConsent(event)
        require_pack(event, self._pack)
        try:
            result = await self._search.selfie(guest_id, event.id, data, refine)
        except (NoFaceError, ManyFacesError):
            joined = await self._poster(guest_id, data, telegram_language)
            if joined is None:
                raise
            return joined
        if isinstance(result, FaceChoice):
            return await self._poster(guest_id, data, telegram_language) or result
        return await self._found(guest_id, event, result)

    async def _poster(
        self, guest_id: int, data: bytes, telegram_language: str | None
    ) -> Joined | None:
        """No single face, so perhaps a poster: the QR passes the quick scan left out."""
        payload = await self._guard.run(find_join_payload, data, REST)
        if payload is None:
            return None
        return await self.join(guest_id, payload, "qr", telegram_language)

    async def choose_face(self, guest_id: int, number: int) -> Found:
        """Search with face `number` (1-based) of the numbered picture."""
        event = await self._access(guest_id, self._search.choosing(guest_id, number))
        return await self._found(guest_id, event, await self._search.choose(guest_id, number))

    def album(self, guest_id: int) -> Album | None:
        """The album of the guest's open search (for its further pages), if any."""
        result = self._search.current(guest_id)
        return result.album if result else None

    async def not_me(self, guest_id: int, face_id: str) -> None:
        """Leave the face's photo out of the album now and of every later search."""
        record = await self._search.face(face_id)
        await self._access(guest_id, record.event_id)
        await self._search.not_me(guest_id, record)

    async def confirm(self, guest_id: int, face_id: str) -> Confirmed:
        """ "That's me" on a photo of the open album: into the album, links and queries."""
        if await self._search.photo_in_album(guest_id, face_id) is None:
            raise NoSearchError(Code.SEARCH_EXPIRED)  # a forged or outdated button
        record = await self._search.face(face_id)
        await self._access(guest_id, record.event_id)
        new, result = await self._search.confirm(guest_id, record)
        number = result.album.number_of(record.photo_id) if result else None
        return Confirmed(record.photo_id, number, new)

    async def hide(self, guest_id: int, face_id: str) -> HideOutcome:
        """ "Hide from others" on a photo of the guest's album, where the event allows it."""
        photo = await self._search.photo_in_album(guest_id, face_id)
        if photo is None:
            raise NoSearchError(Code.SEARCH_EXPIRED)
        await self._access(guest_id, photo.event_id)
        if not await self._hidden.allowed(photo.event_id):
            return HidingOff()
        await self._hidden.hide(guest_id, photo.event_id, photo.id)
        return Hidden(photo.id)

    async def may_hide(self, guest_id: int) -> bool:
        """Whether the event of the guest's open search lets guests hide photos."""
        result = self._search.current(guest_id)
        return result is not None and await self._hidden.allowed(result.event_id)

    async def album_price(self, guest_id: int) -> int | None:
        """Stars for every original of the open album; None where they are free."""
        result = self._search.current(guest_id)
        price = await self._sales.price(result.event_id) if result else None
        return price.album_stars if price else None

    async def original(self, guest_id: int, face_id: str) -> OriginalPhoto | None:
        """The full photo behind a face of the current album (None once it left it)."""
        photo = await self._search.photo_in_album(guest_id, face_id)
        if photo is None:
            return None
        event = await self._events.by_id(photo.event_id)
        return OriginalPhoto(photo, f"{event.slug if event else 'photo'}-{photo.id[:8]}")

    async def follow(self, guest_id: int) -> FollowOutcome:
        """Enrol the current search's selfies for live updates from the current event."""
        current = await self._current(guest_id)
        if current is None:
            return NoEvent()
        event, join = current
        if not join.consented:
            raise ConsentRequiredError()
        embeddings = self._search.embeddings(guest_id, event.id)
        if not embeddings:
            return SelfieFirst(event)
        await self._enrolments.enrol(guest_id, event.id, embeddings)
        return Following(event, len(embeddings))

    async def followed(self, guest_id: int) -> list[Event]:
        """The events the guest follows, most recently joined first."""
        events = []
        for join in await self._guests.joins(guest_id):
            event = await self._events.by_id(join.event_id) if join.following else None
            if event is not None:
                events.append(event)
        return events

    async def unfollow(self, guest_id: int, event_id: str | None = None) -> UnfollowOutcome:
        """Stop one followed event (`event_id`), or every one (None), deleting face data."""
        events = [
            event
            for event in await self.followed(guest_id)
            if event_id is None or event.id == event_id
        ]
        if not events:
            return NotFollowing()
        for event in events:
            await self._guests.unfollow(guest_id, event.id)
        return Unfollowed(tuple(events))

    async def links(self, guest_id: int) -> list[LinkSummary]:
        """The guest's live share links, newest first, with event names and photo counts."""
        summaries = []
        for link in await self._links.active(guest_id, self._clock()):
            event = await self._events.by_id(link.record.event_id)
            photos = len(await self._links.photo_ids(link.record.id))
            summaries.append(LinkSummary(link, event.name if event else "?", photos))
        return summaries

    async def revoke(self, guest_id: int, link_id: str) -> bool:
        return await self._links.revoke(guest_id, link_id, self._clock())

    async def language(self, guest_id: int) -> str | None:
        """The language the guest chose with /language, if any."""
        return await self._guests.language(guest_id)

    async def set_language(self, guest_id: int, language: str) -> None:
        await self._guests.set_language(guest_id, language)

    async def forget(self, guest_id: int) -> bool:
        """Delete everything about the guest, on disk and in memory."""
        self._search.forget(guest_id)
        return await self._guests.forget(guest_id)

    async def report(self, guest_id: int) -> PrivacyReport:
        report = await privacy_report(self._db, guest_id, self._clock())
        return dataclasses.replace(
            report, search_in_memory=self._search.current(guest_id) is not None
        )

    async def _found(self, guest_id: int, event: Event, result: SearchResult) -> Found:
        if self._search.current(guest_id) is None:  # forgotten since the search ended
            raise NoSearchError(Code.SEARCH_EXPIRED)
        if result.album.empty:
            return NothingFound(event)
        link = await self._links.for_album(guest_id, event.id, result.album.sure_ids, self._clock())
        return AlbumReady(
            event,
            result.album,
            link,
            may_hide=await self._hidden.allowed(event.id),
            advice=result.advice,
            album_stars=await self.album_price(guest_id),
        )

    async def _current(self, guest_id: int) -> tuple[Event, Join] | None:
        for join in await self._guests.joins(guest_id):
            event = await self._events.by_id(join.event_id)
            if event is not None:
                return event, join
        return None

    async def _access(self, guest_id: int, event_id: str) -> Event:
        join = await self._guests.get_join(guest_id, event_id)
        event = await self._events.by_id(event_id) if join is not None else None
        if join is None or event is None:
            raise NotJoinedError()
        if not join.consented:
            raise ConsentRequiredError()
        return require_pack(event, self._pack)
