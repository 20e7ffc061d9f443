"""`eventlens find` and a guest's selfie in the bot return the same album.

The CLI runs its own `main` (on a thread: it starts its own event loop, as the
console script does); the guest side is the use case the bot's handlers call
(`GuestDesk.photo`), on the same home, event and selfie bytes, with real faces.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.engine import FaceEngine
from eventlens.core.guests.outcomes import AlbumReady
from eventlens.demo_photos import build
from eventlens.services import Services
from eventlens.settings import Settings
from tests.conftest import jpeg
from tests.eventlens.cli.conftest import Run, as_json

GUEST = 5005


async def test_the_cli_and_the_bot_return_the_same_album(
    eventlens: Run,
    home: Path,
    engine: FaceEngine,
    t1_image: NDArray[np.uint8],
    tmp_path: Path,
) -> None:
    photos, yao = build(tmp_path / "demo")
    t1_person = tmp_path / "t1-person.jpg"
    t1_person.write_bytes(jpeg(t1_image[200:480, 680:920]))
    await asyncio.to_thread(
        eventlens, "index", "--event", "gala", "--json", str(tmp_path / "demo" / "photos")
    )
    from_cli = {}
    for selfie in (yao, t1_person):
        found = await asyncio.to_thread(eventlens, "find", "--event", "gala", "--json", str(selfie))
        from_cli[selfie] = as_json(found)["matches"]

    settings = Settings(home=home, providers=("CPUExecutionProvider",))
    services = await Services.open(settings, engine=engine)
    try:
        event = await services.event("gala")
        await services.guests.join(GUEST, f"ev_{event.guest_token}")
        await services.guests.accept(GUEST, event.id)
        for selfie, cli_matches in from_cli.items():
            ready = await services.guests.photo(GUEST, selfie.read_bytes())
            assert isinstance(ready, AlbumReady)
            in_bot = [(m.photo_id, m.tier) for m in (*ready.album.sure, *ready.album.maybe)]
            assert in_bot == [(m["photo_id"], m["tier"]) for m in cli_matches]
            scores = [m.score for m in (*ready.album.sure, *ready.album.maybe)]
            assert np.allclose(scores, [m["score"] for m in cli_matches], atol=1e-3)
        found = {Path(str(m["source"])).name for m in from_cli[yao]}
        assert found == {photo.name for photo in photos if photo.has_guest}
    finally:
        await services.close()
