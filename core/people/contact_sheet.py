"""A contact sheet of an event's people: one JPEG with each large cluster's best face.

The photographer's `/people` command sends it; nothing here knows about Telegram.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Sequence

import cv2
import numpy as np
from numpy.typing import NDArray

from eventlens.core.errors import ImageError
from eventlens.core.media.decode import decode_image
from eventlens.storage.blobs import BlobStore
from eventlens.storage.people import PeopleStore
from eventlens.storage.photos import FaceRecord, PhotoStore

TILE = 160
CAPTION = 28
COLUMNS = 6
CONTEXT = 1.6  # crop side / face size: a little hair and chin around the face


def face_tile(data: bytes, face: FaceRecord) -> NDArray[np.uint8]:
    """The face cut from its photo (decoded at reduced size), as a square tile."""
    image = decode_image(data)
    x1, y1, x2, y2 = (value * image.scale for value in face.box)
    side = max(x2 - x1, y2 - y1) * CONTEXT
    zoom = TILE / max(side, 1.0)
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    matrix = np.array(
        [[zoom, 0.0, TILE / 2 - zoom * cx], [0.0, zoom, TILE / 2 - zoom * cy]], dtype=np.float32
    )
    tile = cv2.warpAffine(image.pixels, matrix, (TILE, TILE), borderValue=(40, 40, 40))
    return np.asarray(tile, dtype=np.uint8)


def render(tiles: Sequence[tuple[NDArray[np.uint8], str]], quality: int = 88) -> bytes:
    """Tiles in a grid, each captioned; returns JPEG bytes."""
    columns = min(COLUMNS, max(1, len(tiles)))
    rows = max(1, math.ceil(len(tiles) / columns))
    sheet = np.full((rows * (TILE + CAPTION), columns * TILE, 3), 255, dtype=np.uint8)
    for index, (tile, caption) in enumerate(tiles):
        row, column = divmod(index, columns)
        top, left = row * (TILE + CAPTION), column * TILE
        sheet[top : top + TILE, left : left + TILE] = tile
        cv2.putText(
            sheet,
            caption,
            (left + 6, top + TILE + 20),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.5,
            (30, 30, 30),
            1,
            cv2.LINE_AA,
        )
    ok, buffer = cv2.imencode(".jpg", sheet, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:  # pragma: no cover - OpenCV always encodes a plain BGR array
        raise RuntimeError("JPEG encoding failed")
    return bytes(buffer)


async def contact_sheet(
    people: PeopleStore, photos: PhotoStore, blobs: BlobStore, event_id: str, limit: int = 24
) -> bytes | None:
    """The largest people's best faces (captioned 'n photos'), or None before any cluster."""
    largest = [p for p in await people.of_event(event_id, limit) if p.photo_count > 1]
    if not largest:
        return None
    faces = await photos.faces([person.best_face_id for person in largest])
    photo_rows = await photos.many(list({face.photo_id for face in faces.values()}))
    tiles = []
    for number, person in enumerate(largest, start=1):
        face = faces.get(person.best_face_id)
        photo = photo_rows.get(face.photo_id) if face else None
        if face is None or photo is None:
            continue
        try:
            data = await asyncio.to_thread(blobs.get, photo.sha256)
            tile = await asyncio.to_thread(face_tile, data, face)
        except (OSError, ImageError):
            continue  # a missing original costs one tile, not the sheet
        tiles.append((tile, f"#{number}  {person.photo_count} photos"))
    return await asyncio.to_thread(render, tiles) if tiles else None
