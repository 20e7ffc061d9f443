"""The photographer's culling: which photos to keep from guests, and hiding them.

Flags are read from the verdicts stored at indexing (core/culling/keeper.py): a
photo is flagged when it is blurred, when a face big enough to judge is blurred or
has its eyes closed, or when it is a burst frame or duplicate that is not the
best of its group. Hidden photos leave every guest's albums, share links and live
updates (storage/culling.py). `/cull` and `eventlens cull` only render this.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.culling.bursts import Pick, best_first
from eventlens.core.culling.measures import BLURRED_PHOTO
from eventlens.core.errors import ImageError
from eventlens.core.events.access import Access
from eventlens.core.faces.eyes import CLOSED_BELOW
from eventlens.core.media.decode import decode_image
from eventlens.core.people.contact_sheet import TILE, render
from eventlens.core.records import Event
from eventlens.storage.blobs import BlobStore
from eventlens.storage.culling import CullingStore, FaceCull, PhotoCull
from eventlens.storage.photos import PhotoStore

SHEET_LIMIT = 24  # tiles on one contact sheet


@dataclass(frozen=True)
class Flagged:
    number: int  # 1-based, as captioned on the contact sheet
    photo_id: str
    source: str
    blurred: bool  # the photo or a face in it
    eyes_closed: bool
    duplicate_of: str | None  # the best photo of its group, when this is not it
    hidden: bool


@dataclass(frozen=True)
class CullReport:
    event: Event
    assessed: int  # photos with a verdict
    flagged: tuple[Flagged, ...]

    @property
    def to_hide(self) -> list[str]:
        return [flag.photo_id for flag in self.flagged if not flag.hidden]


def flags(
    photos: Sequence[PhotoCull], faces: Sequence[FaceCull]
) -> list[tuple[str, bool, bool, str | None]]:
    """(photo id, blurred, eyes closed, duplicate of) for each flagged photo, in capture order."""
    blurred_face = {face.photo_id for face in faces if face.blurred}
    closed = {face.photo_id for face in faces if face.eyes is not None and face.eyes < CLOSED_BELOW}
    groups: dict[str, list[PhotoCull]] = {}
    for photo in photos:
        groups.setdefault(photo.group_id, []).append(photo)
    best = {
        group_id: best_first(
            [
                Pick(m.photo_id, m.photo_id in closed or m.photo_id in blurred_face, m.sharpness)
                for m in members
            ]
        )[0].photo_id
        for group_id, members in groups.items()
    }
    found = []
    for photo in photos:
        blurred = photo.sharpness < BLURRED_PHOTO or photo.photo_id in blurred_face
        leader = best[photo.group_id]
        duplicate_of = leader if leader != photo.photo_id else None
        if blurred or photo.photo_id in closed or duplicate_of:
            found.append((photo.photo_id, blurred, photo.photo_id in closed, duplicate_of))
    return found


class CullDesk:
    def __init__(
        self, access: Access, store: CullingStore, photos: PhotoStore, blobs: BlobStore
    ) -> None:
        self._access = access
        self._store = store
        self._photos = photos
        self._blobs = blobs

    async def report(self, user_id: int) -> CullReport:
        """The selected event's flagged photos."""
        return await self.report_for(await self._access.selected(user_id))

    async def report_for(self, event: Event) -> CullReport:
        photos, faces = await self._store.of_event(event.id)
        found = flags(photos, faces)
        rows = await self._photos.many([photo_id for photo_id, *_ in found])
        hidden = await self._store.hidden(event.id)
        flagged = tuple(
            Flagged(
                number,
                photo_id,
                rows[photo_id].source if photo_id in rows else photo_id,
                blurred,
                closed,
                duplicate_of,
                photo_id in hidden,
            )
            for number, (photo_id, blurred, closed, duplicate_of) in enumerate(found, start=1)
        )
        return CullReport(event, len(photos), flagged)

    async def hide_flagged(self, user_id: int) -> int:
        """Hide every flagged photo of the selected event from guests; returns how many."""
        report = await self.report(user_id)
        return await self._store.hide(report.event.id, report.to_hide, user_id)

    async def contact_sheet(self, report: CullReport) -> bytes | None:
        """Thumbnails of the flagged photos still shown to guests, numbered; None if none."""
        shown = [flag for flag in report.flagged if not flag.hidden][:SHEET_LIMIT]
        rows = await self._photos.many([flag.photo_id for flag in shown])
        tiles = []
        for flag in shown:
            photo = rows.get(flag.photo_id)
            if photo is None:
                continue
            try:
                data = await asyncio.to_thread(self._blobs.get, photo.sha256)
                tile = await asyncio.to_thread(_thumbnail, data)
            except (OSError, ImageError):
                continue  # a missing original costs one tile, not the sheet
            tiles.append((tile, f"#{flag.number} {_marks(flag)}"))
        return await asyncio.to_thread(render, tiles) if tiles else None


def _marks(flag: Flagged) -> str:
    """Short captions that need no translation: B blurred, E eyes closed, D duplicate."""
    return "".join(
        mark
        for mark, on in (("B", flag.blurred), ("E", flag.eyes_closed), ("D", flag.duplicate_of))
        if on
    )


def _thumbnail(data: bytes) -> NDArray[np.uint8]:
    pixels = decode_image(data, target_long_side=TILE * 2).pixels
    height, width = pixels.shape[:2]
    zoom = TILE / max(height, width)
    small = cv2.resize(pixels, (max(1, int(width * zoom)), max(1, int(height * zoom))))
    tile = np.full((TILE, TILE, 3), 40, dtype=np.uint8)
    top, left = (TILE - small.shape[0]) // 2, (TILE - small.shape[1]) // 2
    tile[top : top + small.shape[0], left : left + small.shape[1]] = small
    return tile
