"""An event built with one model pack is neither written nor searched with another."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlens.core.errors import ModelPackError
from eventlens.core.events.packs import require_pack
from eventlens.core.reasons import Code
from eventlens.services import Services

OWNER = 7


async def test_the_refusal_names_the_event_and_the_pack_to_set(services: Services) -> None:
    old = await services.events.create("gala", "Gala", "buffalo_l", owner_id=OWNER)

    with pytest.raises(ModelPackError) as raised:
        require_pack(old, "buffalo_s")

    assert raised.value.code == Code.MODEL_PACK_MISMATCH
    assert "'gala'" in str(raised.value)
    assert "EVENTLENS_MODEL_PACK=buffalo_l" in str(raised.value)
    assert require_pack(old, "buffalo_l") is old


async def test_uploads_to_an_event_of_another_pack_are_refused(services: Services) -> None:
    settings = services.settings.model_copy(update={"admin_ids": frozenset({OWNER})})
    desk_services = await Services.open(settings, engine=services.engine)
    try:
        event = await desk_services.desk.create(OWNER, "Gala", None)
        assert (await desk_services.access.upload_target(OWNER)).id == event.id
        async with desk_services.db.transaction() as connection:  # as a buffalo_l bot left it
            await connection.execute(
                "UPDATE events SET model_pack = 'buffalo_l' WHERE id = ?", (event.id,)
            )

        with pytest.raises(ModelPackError):
            await desk_services.access.upload_target(OWNER)
    finally:
        await desk_services.close()


async def test_the_cli_lookup_refuses_an_event_of_another_pack(services: Services) -> None:
    await services.events.create("gala", "Gala", "buffalo_l")

    with pytest.raises(ModelPackError):
        await services.event("gala")


async def test_queued_photos_of_another_packs_event_wait_unindexed(
    services: Services, t1_path: Path
) -> None:
    old = await services.events.create("old", "Old", "buffalo_l")
    current = await services.events.create("new", "New", "buffalo_s")
    data = t1_path.read_bytes()
    await services.indexer.ingest(old.id, "old.jpg", data, "b1")
    await services.indexer.ingest(current.id, "new.jpg", data, "b2")

    await services.indexer.work(lambda: True)

    assert await services.jobs.pending(old.id) == 1, "left for a process with buffalo_l"
    assert services.vectors.count(old.id) == 0
    assert await services.jobs.pending(current.id) == 0
    assert services.vectors.count(current.id) == 6


async def test_a_guest_cannot_search_an_event_of_another_pack(
    services: Services, t1_path: Path
) -> None:
    old = await services.events.create("gala", "Gala", "buffalo_l")
    guest = 55
    await services.guests.join(guest, f"ev_{old.guest_token}")
    await services.guests.accept(guest, old.id)

    with pytest.raises(ModelPackError) as raised:
        await services.guests.photo(guest, t1_path.read_bytes())

    assert raised.value.code == Code.MODEL_PACK_MISMATCH
