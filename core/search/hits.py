"""Chroma's neighbours as search hits: which photo each face is in, and how good it is.

Chroma answers ids and distances only (its own metadata read cost more than the
search); the faces table answers the rest, once per face per search. A vector with
no face row (its photo was deleted while its job ran) is no hit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eventlens.storage.photos import FacePlace, PhotoStore
from eventlens.storage.vectors import Neighbour


@dataclass(frozen=True)
class Hit:
    face_id: str
    photo_id: str
    quality: float
    similarity: float


class HitReader:
    """One search's lookups: a face asked for twice is read once."""

    def __init__(self, photos: PhotoStore) -> None:
        self._photos = photos
        self._known: dict[str, FacePlace | None] = {}

    async def read(self, neighbours: Sequence[Neighbour]) -> list[Hit]:
        missing = sorted({n.id for n in neighbours if n.id not in self._known})
        if missing:
            found = await self._photos.places(missing)
            self._known.update((face_id, found.get(face_id)) for face_id in missing)
        return [
            Hit(n.id, place.photo_id, place.quality, n.similarity)
            for n in neighbours
            if (place := self._known[n.id]) is not None
        ]
