"""Who may do what.

Admins (EVENTLENS_ADMIN_IDS) create events. An event's owner and the
co-photographers they invited upload to it, re-send its QR code, see its numbers
and delete single photos; only the owner closes, reopens or deletes the event.
An owner can remove a co-photographer: from then on they are refused by name.
Every check reads the database, never callback data, so a forged button gets the
same refusal as a typed command. An unknown event is refused like a foreign one,
so ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Set

from eventlens.core.events.packs import require_pack
from eventlens.core.refusals import (
    EventClosedError,
    NoEventSelectedError,
    NotAllowedError,
    RemovedError,
)
from eventlens.storage.events import Event, EventStore
from eventlens.storage.members import MemberStore, Role
from eventlens.storage.selection import SelectionStore


class Access:
    def __init__(
        self,
        events: EventStore,
        members: MemberStore,
        selection: SelectionStore,
        admin_ids: Set[int],
        model_pack: str,
    ) -> None:
        self._events = events
        self._members = members
        self._selection = selection
        self._admins = frozenset(admin_ids)
        self._pack = model_pack

    def is_admin(self, user_id: int) -> bool:
        return user_id in self._admins

    def require_admin(self, user_id: int) -> None:
        if not self.is_admin(user_id):
            raise NotAllowedError("admin")

    async def is_photographer(self, user_id: int) -> bool:
        return self.is_admin(user_id) or await self._members.has_any(user_id)

    async def role(self, user_id: int, event_id: str) -> Role | None:
        return await self._members.role(event_id, user_id)

    async def event_for(self, user_id: int, event_id: str, owner_only: bool = False) -> Event:
        role = await self._members.role(event_id, user_id)
        if role is None and await self._members.was_removed(event_id, user_id):
            removed_from = await self._events.by_id(event_id)
            if removed_from is not None:
                raise RemovedError(removed_from.name)
        event = await self._events.by_id(event_id) if role else None
        if event is None or (owner_only and role != "owner"):
            raise NotAllowedError("owner" if owner_only and role is not None else "member")
        return event

    async def select(self, user_id: int, event_id: str) -> Event:
        event = await self.event_for(user_id, event_id)
        await self._selection.set(user_id, event.id)
        return event

    async def selected(self, user_id: int, owner_only: bool = False) -> Event:
        event_id = await self._selection.get(user_id)
        if event_id is None:
            raise NoEventSelectedError()
        return await self.event_for(user_id, event_id, owner_only)

    async def upload_target(self, user_id: int) -> Event:
        event = await self.selected(user_id)
        if event.closed:
            raise EventClosedError(event.name)
        return require_pack(event, self._pack)
