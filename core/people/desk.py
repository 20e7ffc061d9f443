"""The photographer's people tools for their selected event, checked through `Access`.

The bot's /name, /merge, /person and /split call these; the CLI, which runs on the
operator's own machine, calls `PeopleCorrections` with an event id directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eventlens.core.events.access import Access
from eventlens.core.people.corrections import NumberedPerson, PeopleCorrections
from eventlens.core.records import Event


@dataclass(frozen=True)
class Corrected:
    event: Event
    person: NumberedPerson


@dataclass(frozen=True)
class PersonFaces:
    event: Event
    number: int
    faces: int
    sheet: bytes | None


class PeopleDesk:
    def __init__(self, access: Access, corrections: PeopleCorrections) -> None:
        self._access = access
        self._corrections = corrections

    async def name(self, user_id: int, number: int, name: str) -> Corrected:
        event = await self._access.selected(user_id)
        return Corrected(event, await self._corrections.name(event.id, number, name))

    async def merge(self, user_id: int, keep: int, gone: int) -> Corrected:
        event = await self._access.selected(user_id)
        return Corrected(event, await self._corrections.merge(event.id, keep, gone))

    async def named(self, user_id: int) -> list[tuple[int, str]]:
        """(number, name) of the selected event's named people, in listing order."""
        event = await self._access.selected(user_id)
        return await self._corrections.named(event.id)

    async def faces(self, user_id: int, number: int) -> PersonFaces:
        event = await self._access.selected(user_id)
        faces = await self._corrections.faces(event.id, number)
        sheet = await self._corrections.sheet(event.id, number)
        return PersonFaces(event, number, len(faces), sheet)

    async def split(self, user_id: int, number: int, faces: Sequence[int]) -> tuple[Event, int]:
        event = await self._access.selected(user_id)
        return event, await self._corrections.split(event.id, number, faces)
