"""The photographer's events: create, join by invite, members, overview, close, delete.

Invites expire a week after they are made; the owner rotates them (/invite) and
removes co-photographers, which rotates the invite too. The owner also sees how
often guests searched the event (`searches`): counts, never selfies or ids.

Every method takes the acting user's id and checks it through `Access` first; the
handlers only translate what comes back.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from eventlens.core.events.access import Access
from eventlens.core.events.naming import slug_candidates
from eventlens.core.events.removal import remove_event
from eventlens.core.events.retention import check_days, kept_until
from eventlens.core.ingest.indexer import Indexer
from eventlens.core.people.contact_sheet import contact_sheet
from eventlens.core.reasons import Code
from eventlens.core.refusals import InvalidInviteError, NotAllowedError, Refusal
from eventlens.storage.batches import BatchStore
from eventlens.storage.blobs import BlobStore
from eventlens.storage.db import IntegrityError
from eventlens.storage.events import Event, EventCounts, EventStore
from eventlens.storage.jobs import JobQueue
from eventlens.storage.members import Member, Membership, MemberStore, Role
from eventlens.storage.people import PeopleStore
from eventlens.storage.photos import PhotoStore
from eventlens.storage.preview_cache import PreviewCache
from eventlens.storage.search_log import AuditRow, SearchLog
from eventlens.storage.telegram_files import TelegramFileStore
from eventlens.storage.vectors import VectorStore

logger = logging.getLogger(__name__)

# Days of searches /searches shows.
SEARCH_LOG_DAYS = 14


@dataclass(frozen=True)
class Joined:
    event: Event
    role: Role
    new: bool


@dataclass(frozen=True)
class EventLine:
    membership: Membership
    counts: EventCounts
    selected: bool


@dataclass(frozen=True)
class EventMembers:
    event: Event
    photographers: list[Member]


@dataclass(frozen=True)
class EventSearches:
    """Who searched the event how often: per UTC day and keyed hash of the guest's id."""

    event: Event
    rows: list[AuditRow]


@dataclass(frozen=True)
class EventStats:
    event: Event
    counts: EventCounts
    # When its guest data stops being kept; None while open (then `guest_data_days` after closing).
    guest_data_until: float | None


@dataclass(frozen=True)
class EventPeople:
    event: Event
    recurring: int  # people seen in more than one photo
    sheet: bytes | None


@dataclass(frozen=True)
class EventData:
    """Where an event's photos, faces and people are kept (read for stats, removed on delete)."""

    photos: PhotoStore
    people: PeopleStore
    jobs: JobQueue
    blobs: BlobStore
    vectors: VectorStore
    indexer: Indexer
    previews: PreviewCache | None = None


class EventDesk:
    def __init__(
        self,
        model_pack: str,
        access: Access,
        events: EventStore,
        members: MemberStore,
        batches: BatchStore,
        files: TelegramFileStore,
        stores: EventData,
        search_log: SearchLog,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._clock = clock
        self._search_log = search_log
        self._pack = model_pack
        self._events = events
        self._data = stores
        self._access = access
        self._members = members
        self._batches = batches
        self._files = files

    async def create(self, owner_id: int, name: str, when: date | None) -> Event:
        """A new event owned by `owner_id` and selected for their uploads."""
        self._access.require_admin(owner_id)
        pack = self._pack
        for slug in slug_candidates(name, when):
            if await self._events.by_slug(slug) is not None:
                continue
            try:
                event = await self._events.create(
                    slug, name, pack, owner_id, when.isoformat() if when else None
                )
            except IntegrityError:  # taken between the check and the insert
                continue
            await self._members.add(event.id, owner_id, "owner")
            await self._access.select(owner_id, event.id)
            logger.info("event %s created by %d", event.id, owner_id)
            return event
        raise AssertionError("slug candidates never run out")

    async def join(self, user_id: int, invite_token: str, name: str | None = None) -> Joined:
        """Join as a co-photographer with a live invite (`name` shows in /members)."""
        event = await self._events.by_invite_token(invite_token) if invite_token else None
        if event is None:
            raise InvalidInviteError()
        if (
            not event.invite_live(self._clock())
            and await self._members.role(event.id, user_id) is None
        ):
            raise InvalidInviteError(Code.INVITE_EXPIRED)
        new = await self._members.add(event.id, user_id, "photographer", name)
        role = await self._members.role(event.id, user_id)
        assert role is not None
        await self._access.select(user_id, event.id)
        return Joined(event, role, new)

    async def rotate_invite(self, user_id: int) -> Event:
        """A new invite for the selected event (owner only); the old link stops working."""
        event = await self._access.selected(user_id, owner_only=True)
        rotated = await self._events.rotate_invite(event.id, self._clock())
        assert rotated is not None
        logger.info("invite of %s rotated by %d", event.id, user_id)
        return rotated

    async def members(self, user_id: int) -> EventMembers:
        """The selected event's co-photographers (owner only)."""
        event = await self._access.selected(user_id, owner_only=True)
        return EventMembers(event, await self._members.photographers(event.id))

    async def remove_member(self, user_id: int, event_id: str, member_id: int) -> EventMembers:
        """Remove a co-photographer (owner only) and rotate the invite, so the link
        they still have cannot bring them back."""
        event = await self._access.event_for(user_id, event_id, owner_only=True)
        if await self._members.remove(event.id, member_id):
            rotated = await self._events.rotate_invite(event.id, self._clock())
            event = rotated or event
            logger.info("photographer %d removed from %s by %d", member_id, event.id, user_id)
        return EventMembers(event, await self._members.photographers(event.id))

    async def searches(self, user_id: int, days: int = SEARCH_LOG_DAYS) -> EventSearches:
        """The selected event's selfie searches per day and guest hash (owner only)."""
        event = await self._access.selected(user_id, owner_only=True)
        since = self._clock() - (days - 1) * 86400.0
        return EventSearches(event, await self._search_log.audit(event.id, since))

    async def events(self, user_id: int) -> list[EventLine]:
        memberships = await self._members.events_of(user_id)
        try:
            selected_id: str | None = (await self._access.selected(user_id)).id
        except Refusal:
            selected_id = None
        return [
            EventLine(item, await self._events.counts(item.event.id), item.event.id == selected_id)
            for item in memberships
        ]

    async def stats(self, user_id: int) -> EventStats:
        event = await self._access.selected(user_id)
        return _stats(event, await self._events.counts(event.id))

    async def people(self, user_id: int) -> EventPeople:
        """The selected event's people who appear in several photos, as a contact sheet."""
        event = await self._access.selected(user_id)
        data = self._data
        people = await data.people.of_event(event.id)
        sheet = await contact_sheet(data.people, data.photos, data.blobs, event.id)
        return EventPeople(event, sum(person.photo_count > 1 for person in people), sheet)

    async def set_closed(self, user_id: int, closed: bool) -> Event:
        event = await self._access.selected(user_id, owner_only=True)
        await self._events.set_closed(event.id, closed)
        return event

    async def set_retention(self, user_id: int, days: int | None) -> EventStats:
        """Keep the selected event's guest data `days` days after it closes (owner only)."""
        event = await self._access.selected(user_id, owner_only=True)
        kept = check_days(days)
        await self._events.set_guest_data_days(event.id, kept)
        logger.info("event %s keeps guest data %d days (set by %d)", event.id, kept, user_id)
        changed = dataclasses.replace(event, guest_data_days=kept)
        return _stats(changed, await self._events.counts(event.id))

    async def deletion_target(self, user_id: int) -> tuple[Event, EventCounts]:
        event = await self._access.selected(user_id, owner_only=True)
        return event, await self._events.counts(event.id)

    async def delete_event(self, user_id: int, event_id: str) -> Event:
        event = await self._access.event_for(user_id, event_id, owner_only=True)
        archives = [item.sha256 for item in await self._batches.pending_archives(event_id=event.id)]
        data = self._data
        removed = await remove_event(
            self._events, data.photos, data.blobs, data.vectors, event.id, archives, data.previews
        )
        logger.info("event %s deleted by %d with %d photos", event.id, user_id, removed)
        return event

    async def delete_photo(self, user_id: int, file_unique_ids: Sequence[str]) -> Event | None:
        """Remove the photo behind these Telegram files from the user's event; None if none."""
        refused = False
        for photo_id in await self._files.photos_with(file_unique_ids):
            photo = await self._data.photos.get(photo_id)
            if photo is None:
                continue
            try:
                event = await self._access.event_for(user_id, photo.event_id)
            except NotAllowedError:
                refused = True
                continue
            await self._data.indexer.remove_photo(photo_id)
            logger.info("photo %s deleted from %s by %d", photo_id, event.id, user_id)
            return event
        if refused:
            raise NotAllowedError()
        return None


def _stats(event: Event, counts: EventCounts) -> EventStats:
    return EventStats(event, counts, kept_until(event.closed_at, event.guest_data_days))
