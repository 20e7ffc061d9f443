"""Every reason code reads well in each language the bot speaks, parameters filled."""

from __future__ import annotations

import io
import string

import pytest
from aiogram.utils.i18n import I18n
from PIL import Image

from eventlens.bot.handlers.errors import refusal_text
from eventlens.bot.reasons import describe
from eventlens.core.errors import NotAnImageError, UnknownEventError
from eventlens.core.media.decode import probe
from eventlens.core.reasons import ENGLISH, Code, Param, Reason

LANGUAGES = ("en", "ru", "es", "hi")


def _sample(code: Code) -> Reason:
    """The code with every parameter its English line names (numbers: 3)."""
    names = {field for _, field, _, _ in string.Formatter().parse(ENGLISH[code]) if field}
    params: dict[str, Param] = {name: 3 for name in names}
    return Reason(code, params)


def _render(i18n: I18n, language: str, reason: Reason) -> str:
    with i18n.context(), i18n.use_locale(language):
        return describe(reason)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_code_renders_with_its_placeholders_filled(i18n: I18n, language: str) -> None:
    for code in Code:
        text = _render(i18n, language, _sample(code))
        assert text.strip(), f"{language}: {code} renders empty"
        assert "{" not in text and "}" not in text, f"{language}: {code} -> {text!r}"


@pytest.mark.parametrize("language", ["ru", "es", "hi"])
def test_every_code_has_a_real_translation(i18n: I18n, language: str) -> None:
    for code in set(Code) - {Code.LEGACY}:
        reason = _sample(code)
        assert _render(i18n, language, reason) != _render(i18n, "en", reason), (
            f"{language}: {code} falls back to English"
        )


def test_parameters_land_in_the_sentence(i18n: I18n) -> None:
    duplicate = Reason(Code.DUPLICATE, {"source": "party.zip:a.jpg"})
    assert _render(i18n, "es", duplicate) == "ya está en el evento como party.zip:a.jpg"
    huge = Reason(Code.IMAGE_TOO_LARGE, {"width": 20000, "height": 9000, "limit": 120})
    assert "20000x9000" in _render(i18n, "ru", huge) and "120" in _render(i18n, "ru", huge)


def test_counts_decline(i18n: I18n) -> None:
    assert "5 минут." in _render(i18n, "ru", Reason(Code.RATE_LIMITED, {"minutes": 5}))
    assert "2 минуты." in _render(i18n, "ru", Reason(Code.RATE_LIMITED, {"minutes": 2}))
    assert "3 лица " in _render(i18n, "ru", Reason(Code.MANY_FACES, {"count": 3}))


def test_a_real_core_error_is_rendered_by_its_code(i18n: I18n) -> None:
    gif = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif, "GIF")
    with pytest.raises(NotAnImageError) as raised:
        probe(gif.getvalue())
    assert raised.value.why == Reason(Code.UNSUPPORTED_FORMAT, {"format": "GIF"})
    assert _render(i18n, "en", raised.value.why) == "unsupported image format GIF"


def test_a_legacy_skip_shows_its_stored_text(i18n: I18n) -> None:
    legacy = Reason(Code.LEGACY, {"text": "encrypted entry"})
    assert _render(i18n, "hi", legacy) == "encrypted entry"


def test_an_old_qr_poster_gets_a_translated_reply_not_core_english(i18n: I18n) -> None:
    with i18n.context(), i18n.use_locale("es"):
        text = refusal_text(UnknownEventError())
        not_added = refusal_text(NotAnImageError())
    assert text.startswith("Este enlace de evento no es válido"), text
    assert not_added == "No se añadió: no es una imagen que pueda leer.", not_added
