"""What a guest can do besides searching: join, consent, follow, share, forget.

Joining needs the event's guest token (from the deep link or the QR code on the
poster); slugs and ids open nothing. Following keeps only embeddings of the
selfies of the current search, never the selfies. Forgetting removes every row
(cascading from the guest), folds the WAL so the rows leave the files on disk,
and drops the search held in memory.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass

from eventlens.core.errors import NoSearchError, UnknownEventError
from eventlens.core.guests.selfie_search import GuestSearch
from eventlens.core.guests.share_links import ShareLink, ShareLinks
from eventlens.core.media.qr_read import JOIN_PREFIX, find_join_payload
from eventlens.core.reasons import Code
from eventlens.storage.db import Database
from eventlens.storage.enrolments import EnrolmentStore
from eventlens.storage.events import Event, EventStore
from eventlens.storage.guests import GuestStore, Join, JoinVia
from eventlens.storage.privacy import PrivacyReport, privacy_report


@dataclass(frozen=True)
class Joined:
    event: Event
    join: Join
    new: bool

    @property
    def needs_consent(self) -> bool:
        return not self.join.consented


class Guests:
    def __init__(
        self,
        db: Database,
        events: EventStore,
        guests: GuestStore,
        enrolments: EnrolmentStore,
        search: GuestSearch,
        links: ShareLinks,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._db = db
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
        join, new = await self._guests.join(guest_id, event.id, via, telegram_language)
        return Joined(event, join, new)

    async def join_by_photo(
        self, guest_id: int, data: bytes, telegram_language: str | None = None
    ) -> Joined | None:
        """Join through a photo of the event's QR code; None when the photo has none."""
        payload = await asyncio.to_thread(find_join_payload, data)
        if payload is None:
            return None
        return await self.join(guest_id, payload, "qr", telegram_language)

    async def accept(self, guest_id: int, event_id: str) -> None:
        await self._guests.accept(guest_id, event_id)

    async def joined(self, guest_id: int, event_id: str) -> Join | None:
        return await self._guests.get_join(guest_id, event_id)

    async def current_event(self, guest_id: int) -> Event | None:
        """The event a selfie goes to: the one joined most recently."""
        for join in await self._guests.joins(guest_id):
            event = await self._events.by_id(join.event_id)
            if event is not None:
                return event
        return None

    async def follow(self, guest_id: int, event_id: str) -> int:
        """Enrol the current search's selfies for live updates; returns how many."""
        await self._search.access(guest_id, event_id)
        embeddings = self._search.embeddings(guest_id, event_id)
        if not embeddings:
            raise NoSearchError(Code.FOLLOW_NEEDS_SELFIE)
        await self._enrolments.enrol(guest_id, event_id, embeddings)
        return len(embeddings)

    async def unfollow(self, guest_id: int, event_id: str) -> None:
        await self._guests.unfollow(guest_id, event_id)

    async def share(self, guest_id: int, event_id: str) -> ShareLink:
        """A share link for the current album (sure and maybe photos, in album order)."""
        result = self._search.current(guest_id)
        if result is None or result.event_id != event_id:
            raise NoSearchError(Code.SHARE_NEEDS_SELFIE)
        return await self._links.create(guest_id, event_id, result.album.photo_ids, self._clock())

    async def links(self, guest_id: int) -> list[ShareLink]:
        return await self._links.active(guest_id, self._clock())

    async def revoke(self, guest_id: int, link_id: str) -> bool:
        return await self._links.revoke(guest_id, link_id, self._clock())

    async def language(self, guest_id: int) -> str | None:
        """The language the guest chose with /language, if any."""
        return await self._guests.language(guest_id)

    async def push_language(self, guest_id: int) -> str | None:
        return await self._guests.push_language(guest_id)

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
