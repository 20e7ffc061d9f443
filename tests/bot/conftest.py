"""Fixtures for bot unit tests: the real catalogs, compiled once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from aiogram.utils.i18n import I18n

from eventlens.bot.i18n import build_i18n


@pytest.fixture(scope="session")
def i18n(tmp_path_factory: pytest.TempPathFactory) -> I18n:
    return build_i18n(Path(tmp_path_factory.mktemp("i18n")))


@pytest.fixture
def english(i18n: I18n) -> Iterator[I18n]:
    """Inside an English i18n context, as handlers run."""
    with i18n.context(), i18n.use_locale("en"):
        yield i18n
