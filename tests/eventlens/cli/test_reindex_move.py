"""`eventlens reindex --moved` after a Chroma server joins the list: the events the new
list places on it move there from SQLite, and a guest's search answers exactly as before."""

from __future__ import annotations

import asyncio
from pathlib import Path

import cv2
import pytest

from eventlens.core.faces.engine import FaceEngine
from eventlens.services import Services
from eventlens.settings import Settings
from eventlens.storage.vectors import VectorStore
from tests.eventlens.cli.conftest import Run, as_json


async def _event_for(settings: Settings, engine: FaceEngine, goes_to: str) -> tuple[str, str]:
    """Create events until one is placed on `goes_to` by the two-server list: (slug, id)."""
    services = await Services.open(settings, engine, indexes=False)
    grown = VectorStore.servers(settings.chroma_urls)
    try:
        for number in range(64):  # each lands on either server by its random id
            event = await services.events.create(f"move{number}", "Move", engine.pack.name)
            if grown.server_of(event.id) == goes_to:
                return event.slug, event.id
    finally:
        await services.close()
    raise AssertionError("no event was placed on the new server")


def test_reindex_moves_an_event_to_its_new_server_with_the_same_answers(
    eventlens: Run,
    chroma_servers: tuple[str, str],
    home: Path,
    engine: FaceEngine,
    t1_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second = chroma_servers
    both = f"{first},{second}"
    slug, event_id = asyncio.run(_event_for(Settings(home=home, chroma_url=both), engine, second))
    monkeypatch.setenv("EVENTLENS_CHROMA_URL", first)
    assert as_json(eventlens("index", "--event", slug, str(t1_path), "--json"))["faces"] == 6
    assert VectorStore.servers([first]).count(event_id) == 6
    crop = tmp_path / "crop.jpg"
    cv2.imwrite(str(crop), cv2.imread(str(t1_path))[250:520, 650:950])
    before = as_json(eventlens("find", "--event", slug, str(crop), "--json"))["matches"]
    assert before and before[0]["tier"] == "sure"

    monkeypatch.setenv("EVENTLENS_CHROMA_URL", both)
    moved = as_json(eventlens("reindex", "--moved", "--json"))["events"]
    assert moved == {slug: 6}
    assert as_json(eventlens("find", "--event", slug, str(crop), "--json"))["matches"] == before
    assert event_id not in VectorStore.servers([first]).event_ids()  # gone from the old one
    assert VectorStore.servers([second]).count(event_id) == 6
    assert as_json(eventlens("reindex", "--moved", "--json"))["events"] == {}
