"""Translations: gettext catalogs compiled at start-up, the locale picked per user.

`.mo` files are build output (git-ignored), so every start compiles the `.po`
files shipped in the `locales` package into a cache folder with Babel; a fresh
clone or wheel install works with no build step. Compiling all catalogs takes
milliseconds. English is the source language and needs no catalog.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Collection
from importlib import resources
from pathlib import Path

from aiogram.utils.i18n import I18n
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

logger = logging.getLogger(__name__)

DOMAIN = "messages"
DEFAULT_LOCALE = "en"


def catalog_sources() -> dict[str, Path]:
    """`{language: path to its .po}` for every catalog in the `locales` package."""
    root = Path(str(resources.files("eventlens.locales")))
    return {
        folder.name: folder / "LC_MESSAGES" / f"{DOMAIN}.po"
        for folder in sorted(root.iterdir())
        if (folder / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    }


def compile_catalogs(target: Path) -> Path:
    """Write `<target>/<lang>/LC_MESSAGES/messages.mo` for each catalog, atomically."""
    target.mkdir(parents=True, exist_ok=True)
    for language, source in catalog_sources().items():
        with source.open("rb") as stream:
            catalog = read_po(stream, locale=language, domain=DOMAIN)
        folder = target / language / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as stream:
                write_mo(stream, catalog)
            os.replace(temporary, folder / f"{DOMAIN}.mo")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    logger.info("compiled %d translation catalogs into %s", len(catalog_sources()), target)
    return target


def build_i18n(cache_dir: Path) -> I18n:
    return I18n(
        path=compile_catalogs(cache_dir / "locales"), default_locale=DEFAULT_LOCALE, domain=DOMAIN
    )


def languages(i18n: I18n) -> tuple[str, ...]:
    """Every language the bot speaks, the default first."""
    return (DEFAULT_LOCALE, *sorted(set(i18n.available_locales) - {DEFAULT_LOCALE}))


def choose_locale(language_code: str | None, available: Collection[str]) -> str:
    """Telegram's `pt-br` style code -> a catalog we have, else English."""
    if not language_code:
        return DEFAULT_LOCALE
    code = language_code.lower().replace("_", "-")
    for candidate in (code, code.split("-", 1)[0]):
        if candidate in available:
            return candidate
    return DEFAULT_LOCALE
