"""The photographer's corrections to an event's people: name, merge, split.

People are numbered as listed (largest first, `PeopleStore.of_event`), faces of a
person by face id; both front doors show those numbers. Each correction is also
kept as a constraint that re-clustering honours (`core.people.clusters`): a
merge links every member of the merged person to the kept person's best face
('same'); a split-out face is kept 'apart' from every face left in its old
person. Names stay with the person id, which re-clustering keeps by member overlap.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from eventlens.core.errors import ImageError
from eventlens.core.people.clusters import person_record
from eventlens.core.people.contact_sheet import face_tile, render
from eventlens.core.reasons import Code
from eventlens.core.refusals import Refusal
from eventlens.storage.blobs import BlobStore
from eventlens.storage.people import PeopleStore, PersonRecord, PersonSummary
from eventlens.storage.photos import FaceRecord, PhotoStore

logger = logging.getLogger(__name__)

MAX_NAME = 40


@dataclass(frozen=True)
class NumberedPerson:
    number: int
    person: PersonSummary


def clean_name(name: str) -> str:
    """A name as stored: spaces collapsed, 1 to `MAX_NAME` characters."""
    cleaned = " ".join(name.split())
    if not 0 < len(cleaned) <= MAX_NAME:
        raise Refusal(Code.PERSON_NAME, max=MAX_NAME)
    return cleaned


class PeopleCorrections:
    def __init__(self, photos: PhotoStore, people: PeopleStore, blobs: BlobStore) -> None:
        self._photos = photos
        self._people = people
        self._blobs = blobs

    async def person(self, event_id: str, number: int) -> PersonSummary:
        listed = await self._people.of_event(event_id)
        if not 0 < number <= len(listed):
            raise Refusal(Code.UNKNOWN_PERSON, number=number)
        return listed[number - 1]

    async def named(self, event_id: str) -> list[tuple[int, str]]:
        listed = await self._people.of_event(event_id)
        return [(n, p.name) for n, p in enumerate(listed, start=1) if p.name is not None]

    async def faces(self, event_id: str, number: int) -> list[FaceRecord]:
        """The person's faces in the order their numbers refer to."""
        person = await self.person(event_id, number)
        members = (await self._people.members([person.id]))[person.id]
        found = await self._photos.faces(sorted(face for face, _ in members))
        return [found[face] for face in sorted(found)]

    async def name(self, event_id: str, number: int, name: str) -> NumberedPerson:
        person = await self.person(event_id, number)
        cleaned = clean_name(name)
        await self._people.rename(person.id, cleaned)
        logger.info("event %s: person %s named", event_id, person.id)
        return await self._numbered(event_id, person.id)

    async def merge(self, event_id: str, keep: int, gone: int) -> NumberedPerson:
        """`gone`'s faces join `keep` (one face per photo: the closer stays); its name
        goes too if `keep` has none."""
        if keep == gone:
            raise Refusal(Code.UNKNOWN_PERSON, number=gone)
        kept, merged = await self.person(event_id, keep), await self.person(event_id, gone)
        members = await self._people.members([kept.id, merged.id])
        faces = await self._photos.faces([face for pair in members.values() for face, _ in pair])
        await self._people.link(
            event_id, "same", [(face, kept.best_face_id) for face, _ in members[merged.id]]
        )
        ordered = list(faces.values())
        by_photo: dict[str, int] = {}
        for index, face in enumerate(ordered):
            rival = by_photo.get(face.photo_id)
            if rival is None or face.quality > ordered[rival].quality:
                by_photo[face.photo_id] = index
        joined = person_record(
            event_id, ordered, sorted(by_photo.values()), kept.id, kept.name or merged.name
        )
        left = [
            _alone(event_id, ordered, i) for i in range(len(ordered)) if i not in by_photo.values()
        ]
        await self._people.rewrite(event_id, [joined, *left], gone=[merged.id])
        logger.info("event %s: person %s merged into %s", event_id, merged.id, kept.id)
        return await self._numbered(event_id, kept.id)

    async def split(self, event_id: str, number: int, face_numbers: Sequence[int]) -> int:
        """Each chosen face leaves the person for a person of its own, kept apart from
        the person's other faces from now on; returns how many faces left."""
        person = await self.person(event_id, number)
        faces = await self.faces(event_id, number)
        for face_number in face_numbers:
            if not 0 < face_number <= len(faces):
                raise Refusal(Code.UNKNOWN_PERSON_FACE, person=number, number=face_number)
        out = {face_number - 1 for face_number in face_numbers}
        stay = [i for i in range(len(faces)) if i not in out]
        await self._people.link(
            event_id, "apart", [(faces[i].id, faces[j].id) for i in out for j in stay]
        )
        records = [_alone(event_id, faces, i) for i in sorted(out)]
        if stay:
            records.append(person_record(event_id, faces, stay, person.id, person.name))
        await self._people.rewrite(event_id, records, gone=[] if stay else [person.id])
        logger.info("event %s: %d faces split from person %s", event_id, len(out), person.id)
        return len(out)

    async def sheet(self, event_id: str, number: int) -> bytes | None:
        """The person's faces, captioned with the numbers /split takes."""
        faces = await self.faces(event_id, number)
        photos = await self._photos.many(list({face.photo_id for face in faces}))
        tiles = []
        for face_number, face in enumerate(faces, start=1):
            photo = photos.get(face.photo_id)
            if photo is None:
                continue
            try:
                data = await asyncio.to_thread(self._blobs.get, photo.sha256)
                tile = await asyncio.to_thread(face_tile, data, face)
            except (OSError, ImageError):
                continue  # a missing original costs one tile, not the sheet
            tiles.append((tile, f"{face_number}"))
        return await asyncio.to_thread(render, tiles) if tiles else None

    async def _numbered(self, event_id: str, person_id: str) -> NumberedPerson:
        listed = await self._people.of_event(event_id)
        number = next(i for i, person in enumerate(listed, start=1) if person.id == person_id)
        return NumberedPerson(number, listed[number - 1])


def _alone(event_id: str, faces: Sequence[FaceRecord], index: int) -> PersonRecord:
    return person_record(event_id, faces, [index])
