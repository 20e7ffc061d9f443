"""New photos' faces join the event's people one photo at a time.

Each new face asks the event's vector index for its nearest faces; it joins the
person of the most similar one at or above the pack's `sure` threshold (the link
that full clustering uses), or starts a new person. Two faces of one photo never
join the same person. The cost is one nearest-neighbour query and a few rows per
photo, whatever the event's size; the full re-clustering (`recluster`) stays as
the nightly or manual repair and honours the same corrections.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from itertools import groupby

import numpy as np

from eventlens.core.faces.calibration import Thresholds
from eventlens.core.people.clusters import NEIGHBOURS
from eventlens.storage.people import PeopleStore, PersonRecord, PersonSummary
from eventlens.storage.photos import FaceRecord, PhotoStore, photo_of_face
from eventlens.storage.vectors import VectorStore

logger = logging.getLogger(__name__)


def _grown(person: PersonSummary, face: FaceRecord, best: FaceRecord | None) -> PersonRecord:
    """`person` with `face` added: running centroid and cohesion, best face by quality."""
    total = person.centroid * person.face_count + face.embedding
    centroid = (total / max(float(np.linalg.norm(total)), 1e-12)).astype(np.float32)
    cohesion = (person.cohesion * person.face_count + float(face.embedding @ centroid)) / (
        person.face_count + 1
    )
    better = best is None or (face.quality, face.size_px) > (best.quality, best.size_px)
    return PersonRecord(
        id=person.id,
        event_id=face.event_id,
        face_ids=(face.id,),  # only the new member: `PeopleStore.grow` adds it
        photo_count=person.photo_count + 1,
        best_face_id=face.id if better else person.best_face_id,
        cohesion=round(cohesion, 4),
        centroid=centroid,
        name=person.name,
    )


def _alone(face: FaceRecord) -> PersonRecord:
    return PersonRecord(
        id=uuid.uuid4().hex,
        event_id=face.event_id,
        face_ids=(face.id,),
        photo_count=1,
        best_face_id=face.id,
        cohesion=1.0,
        centroid=face.embedding.astype(np.float32),
    )


class IncrementalPeople:
    """Places the faces of newly indexed photos among an event's people."""

    def __init__(
        self, photos: PhotoStore, people: PeopleStore, vectors: VectorStore, thresholds: Thresholds
    ) -> None:
        self._photos = photos
        self._people = people
        self._vectors = vectors
        self._thresholds = thresholds

    async def place_new(self, event_id: str) -> int:
        """Place every face of the event that has no person yet; returns how many."""
        face_ids = await self._people.unassigned(event_id)
        faces = await self._photos.faces(face_ids)
        ordered = [faces[face_id] for face_id in face_ids if face_id in faces]
        for _, photo_faces in groupby(ordered, key=lambda face: face.photo_id):
            await self.place_photo(list(photo_faces))
        return len(ordered)

    async def place_photo(self, faces: Sequence[FaceRecord]) -> None:
        """One photo's faces: each joins its nearest person or starts a new one."""
        if not faces:
            return
        event_id, photo_id = faces[0].event_id, faces[0].photo_id
        embeddings = np.stack([face.embedding for face in faces]).astype(np.float32)
        found = await asyncio.to_thread(self._vectors.query, event_id, embeddings, NEIGHBOURS)
        others = {n.id for row in found for n in row if photo_of_face(n.id) != photo_id}
        owners = await self._people.of_faces(sorted(others))
        candidates = sorted(
            (
                (neighbour.similarity, index, owners[neighbour.id])
                for index, row in enumerate(found)
                for neighbour in row
                if neighbour.id in owners and neighbour.similarity >= self._thresholds.sure
            ),
            reverse=True,
        )
        chosen: dict[int, str] = {}
        for _, index, person_id in candidates:
            if index not in chosen and person_id not in chosen.values():
                chosen[index] = person_id
        current = await self._people.get(sorted(set(chosen.values())))
        bests = await self._photos.faces([person.best_face_id for person in current.values()])
        grown = [
            _grown(current[person], faces[index], bests.get(current[person].best_face_id))
            for index, person in chosen.items()
            if person in current
        ]
        new = [_alone(face) for index, face in enumerate(faces) if index not in chosen]
        await self._people.grow(event_id, grown, new)
        logger.debug("photo %s: %d faces joined people, %d new", photo_id, len(grown), len(new))
