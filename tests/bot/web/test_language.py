from __future__ import annotations

from eventlens.bot.web.language import negotiate

AVAILABLE = {"en", "ru", "es", "hi"}


def test_the_best_available_language_by_quality_wins() -> None:
    assert negotiate("de-DE,de;q=0.9,es;q=0.8,en;q=0.5", AVAILABLE, "en") == "es"
    assert negotiate("ru-RU", AVAILABLE, "en") == "ru"
    assert negotiate("en;q=0.2, hi;q=0.9", AVAILABLE, "en") == "hi"


def test_missing_or_unusable_headers_fall_back() -> None:
    assert negotiate(None, AVAILABLE, "en") == "en"
    assert negotiate("fr, de", AVAILABLE, "en") == "en"
    assert negotiate("ru;q=0, es;q=bad", AVAILABLE, "en") == "en"
