"""The catalogs: complete, consistent with the source, compiled at start-up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from eventlens.bot.i18n import build_i18n, catalog_sources, choose_locale

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{(\w*)\}")
LANGUAGES = ("ru", "es", "hi")


def _catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=locale)


def _source_ids() -> set[str | tuple[str, ...]]:
    keywords = {"_": None, "__": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)}
    found: set[str | tuple[str, ...]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "bot", keywords=keywords
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_there_is_a_catalog_for_each_promised_language() -> None:
    assert set(catalog_sources()) >= set(LANGUAGES)


def test_the_template_lists_exactly_the_strings_in_the_source() -> None:
    template = {message.id for message in _catalog(ROOT / "locales" / "messages.pot") if message.id}
    assert template == _source_ids(), "run the pybabel extract command in locales/README.md"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_with_the_same_placeholders(language: str) -> None:
    template = _catalog(ROOT / "locales" / "messages.pot")
    catalog = _catalog(catalog_sources()[language], language)
    for source in template:
        if not source.id:
            continue
        translated = catalog.get(source.id)
        assert translated is not None, f"{language}: missing {source.id!r}"
        assert not translated.fuzzy, f"{language}: fuzzy {source.id!r}"
        originals = [source.id] if isinstance(source.id, str) else list(source.id)
        strings = [translated.string] if isinstance(source.id, str) else list(translated.string)
        if not isinstance(source.id, str):
            assert len(strings) == catalog.num_plurals, f"{language}: plural forms {source.id!r}"
        wanted = {name for text in originals for name in PLACEHOLDER.findall(text)}
        for text in strings:
            assert text, f"{language}: empty translation of {source.id!r}"
            assert set(PLACEHOLDER.findall(text)) <= wanted, f"{language}: {text!r}"
            if isinstance(source.id, str):
                assert set(PLACEHOLDER.findall(text)) == wanted, f"{language}: {text!r}"


def test_catalogs_compile_into_the_cache_and_pick_plural_forms(tmp_path: Path) -> None:
    i18n = build_i18n(tmp_path)
    assert set(i18n.available_locales) >= set(LANGUAGES)
    assert (tmp_path / "locales" / "ru" / "LC_MESSAGES" / "messages.mo").is_file()
    forms = [
        i18n.gettext("{count} guest", "{count} guests", n, locale="ru").format(count=n)
        for n in (1, 3, 5, 21)
    ]
    assert forms == ["1 гость", "3 гостя", "5 гостей", "21 гость"]
    assert i18n.gettext("Cancel", locale="es") == "Cancelar"
    assert i18n.gettext("Cancel", locale="en") == "Cancel"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ru", "ru"), ("ru-RU", "ru"), ("es-419", "es"), ("hi", "hi"), ("pt-br", "en"), (None, "en")],
)
def test_locale_follows_the_telegram_language_code(code: str | None, expected: str) -> None:
    assert choose_locale(code, ("en", "ru", "es", "hi")) == expected
