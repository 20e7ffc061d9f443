"""Fixtures for bot unit tests: the real catalogs (compiled once per session) and the
in-process bot of `tests/bot/harness.py` over fresh stores."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiogram.utils.i18n import I18n

from eventlens.bot.i18n import build_i18n
from eventlens.core.faces.engine import FaceEngine
from eventlens.services import Services
from eventlens.settings import Settings
from tests.bot.harness import BotHarness, harness_settings


@pytest.fixture(scope="session")
def i18n(tmp_path_factory: pytest.TempPathFactory) -> I18n:
    return build_i18n(Path(tmp_path_factory.mktemp("i18n")))


@pytest.fixture
def english(i18n: I18n) -> Iterator[I18n]:
    """Inside an English i18n context, as handlers run."""
    with i18n.context(), i18n.use_locale("en"):
        yield i18n


@pytest.fixture
async def harness(
    tmp_path: Path, engine: FaceEngine, settings: Settings
) -> AsyncIterator[BotHarness]:
    """The product's Dispatcher over a recording session, on fresh stores (ADMIN is admin),
    with the metadata engine of the shared `settings` fixture."""
    bot_settings = harness_settings(tmp_path / "home").model_copy(
        update={"database_url": settings.database_url}
    )
    services = await Services.open(bot_settings, engine=engine)
    try:
        yield await BotHarness.open(bot_settings, services)
    finally:
        await services.close()
