"""Whether a photographer's next photo is an upload or a selfie: the role they acted in last.

A photographer can also be a guest (of their own event or of a friend's). Their
photos cannot be both, so the last thing they did decides: opening an event's
guest link or accepting its privacy notice makes the next photos selfies; /use,
/newevent or a co-photographer invite makes them uploads again. The times of
those actions are already in the database (a join's joined_at and consent_at, the
upload selection's updated_at), so the mode needs nothing of its own to keep or
to forget. Guests who are not photographers have no mode: every photo is a selfie.
"""

from __future__ import annotations

from typing import Literal

from eventlens.core.events.access import Access
from eventlens.storage.guests import GuestStore
from eventlens.storage.selection import SelectionStore

Mode = Literal["upload", "selfie"]


class Modes:
    def __init__(self, access: Access, selection: SelectionStore, guests: GuestStore) -> None:
        self._access = access
        self._selection = selection
        self._guests = guests

    async def mode(self, user_id: int) -> Mode | None:
        """None for a user who is no photographer; else what their next photo is."""
        if not await self._access.is_photographer(user_id):
            return None
        as_guest = await self._guests.last_acted(user_id)
        if as_guest is None:
            return "upload"
        as_photographer = await self._selection.updated_at(user_id)
        return "upload" if as_photographer is not None and as_photographer > as_guest else "selfie"
