"""The bot as the bot benches drive it: the bundled model loaded once, and the real bot
in-process against the end-to-end tests' Bot API stand-in on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.model_pack import resolve_pack
from tests.e2e.conftest import RunningBot, bot_running, settings_for
from tests.e2e.fake_bot_api import FakeBotAPI


def loaded_engine(folder: Path) -> FaceEngine:
    """The default pack on the CPU, loaded (the models come from the installed wheel)."""
    pack = resolve_pack("buffalo_s", folder / "models", Path("~/.insightface").expanduser())
    engine = FaceEngine(pack, ["CPUExecutionProvider"])
    engine.load()
    return engine


@asynccontextmanager
async def bot_under_test(
    folder: Path, engine: FaceEngine, **settings: Any
) -> AsyncIterator[tuple[RunningBot, FakeBotAPI]]:
    """A running bot with its data under `folder`/home, `settings` over the tests' own."""
    api = FakeBotAPI()
    await api.start()
    try:
        chosen = settings_for(folder / "home", api).model_copy(update=settings)
        async with bot_running(chosen, engine) as running:
            yield running, api
    finally:
        await api.close()
