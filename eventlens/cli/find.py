"""`eventlens find`: the photos of the person in one or several selfies.

The same two calls as a guest's selfie in the bot: `faces_in_selfie` + `subject`
turn each selfie into a query, and `GuestSearch.album` ranks the photos (sure
first, each tier best first), so both doors return the same album.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from eventlens.cli.output import CliError, emit_json, phrase, say
from eventlens.core.errors import EventLensError
from eventlens.core.faces.selfie import faces_in_selfie, subject
from eventlens.core.records import Event
from eventlens.services import Services
from eventlens.settings import Settings


async def selfie_embedding(services: Services, path: str) -> NDArray[np.float32]:
    try:
        data = await asyncio.to_thread(Path(path).read_bytes)
    except OSError as error:
        raise CliError(f"cannot read selfie {path}: {error.strerror or error}") from error
    try:
        faces = await asyncio.to_thread(faces_in_selfie, services.engine, data)
        return subject(faces).embedding
    except EventLensError as error:
        raise CliError(f"{path}: {phrase(error.why)}.") from error


async def find_matches(
    services: Services, event: Event, selfies: list[str]
) -> list[dict[str, object]]:
    embeddings = [await selfie_embedding(services, path) for path in selfies]
    album = await services.guest_search.album(event.id, embeddings)
    matches = (*album.sure, *album.maybe)
    photos = await services.photos.many([match.photo_id for match in matches])
    return [
        {
            "source": photos[match.photo_id].source,
            "photo_id": match.photo_id,
            "score": match.score,
            "tier": match.tier,
        }
        for match in matches
        if match.photo_id in photos
    ]


async def run(settings: Settings, slug: str, selfies: list[str], as_json: bool) -> int:
    services = await Services.open(settings, indexes=False)
    try:
        event = await services.event(slug)
        matches = await find_matches(services, event, selfies)
    finally:
        await services.close()
    if as_json:
        emit_json({"event": slug, "matches": matches})
        return 0
    sure = sum(1 for match in matches if match["tier"] == "sure")
    say(f"Event '{slug}': {sure} sure and {len(matches) - sure} maybe match(es).")
    for match in matches:
        say(f"  {match['tier']:<5}  {match['score']:.3f}  {match['source']}")
    return 0
