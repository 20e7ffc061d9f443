"""The photographers' command menu offers /retention in every language."""

from __future__ import annotations

import pytest
from aiogram.utils.i18n import I18n

from eventlens.bot.commands import PHOTOGRAPHERS, menu


@pytest.mark.parametrize("language", ["ru", "es", "hi"])
def test_retention_is_in_the_photographers_menu_in_every_language(
    i18n: I18n, language: str
) -> None:
    english = {item.command: item.description for item in menu(i18n, "en", PHOTOGRAPHERS)}
    translated = {item.command: item.description for item in menu(i18n, language, PHOTOGRAPHERS)}
    assert english["retention"] == "how long guest data is kept after the event closes"
    assert translated["retention"] not in ("", english["retention"])
