""" "Hide from others", the photographer's side: a per-event switch and the list.

Guests may hide a photo of themselves from other guests (their albums, share
links and live updates) only where the event's owner switched it on; any of the
event's photographers can see which photos were hidden, never by whom. The
guest's side is `GuestDesk.hide`.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventlens.core.events.access import Access
from eventlens.core.records import Event
from eventlens.storage.hidden_photos import HiddenPhoto, HiddenPhotoStore


@dataclass(frozen=True)
class HidingState:
    event: Event
    allowed: bool
    hidden: list[HiddenPhoto]  # newest first


class PhotoHiding:
    def __init__(self, access: Access, store: HiddenPhotoStore) -> None:
        self._access = access
        self._store = store

    async def state(self, user_id: int) -> HidingState:
        """The selected event's switch and its hidden photos."""
        return await self._state(await self._access.selected(user_id))

    async def set_allowed(self, user_id: int, allowed: bool) -> HidingState:
        """Let guests hide photos of themselves in the selected event, or not (owner only)."""
        event = await self._access.selected(user_id, owner_only=True)
        await self._store.allow(event.id, allowed)
        return await self._state(event)

    async def _state(self, event: Event) -> HidingState:
        return HidingState(
            event, await self._store.allowed(event.id), await self._store.of_event(event.id)
        )
