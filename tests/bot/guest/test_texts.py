from __future__ import annotations

from aiogram.utils.i18n import I18n

from eventlens.bot.guest import texts
from eventlens.storage.privacy import EventData, PrivacyReport


def _report() -> PrivacyReport:
    event = EventData(
        "e1", "Gala", "qr", 0.0, 86400.0, True, 2, 1, 0, 3, 4, confirmations=5, hidden=6
    )
    return PrivacyReport(7, True, "es", (event,), 1, 2, search_in_memory=True)


def test_the_privacy_report_names_everything_kept(english: I18n) -> None:
    text = texts.privacy(_report(), "Español")

    assert text.startswith("What I keep about you right now:")
    for expected in (
        "«Gala»: joined on 1970-01-01, notice accepted on 1970-01-02.",
        "Following: face data from 2 selfie(s).",
        "Photos marked «not me»: 1.",
        "Photos marked «that's me»: 5.",
        "Photos you hid from other guests: 6.",
        "Searches in the last day: 4.",
        "Share links: 1 active, 2 expired or revoked.",
        "Language: Español.",
        "in memory only",
    ):
        assert expected in text


def test_the_privacy_report_says_until_when_each_event_keeps_the_data(english: I18n) -> None:
    closed_at = 1_780_000_000.0  # 2026-05-28 20:26 UTC
    events = (
        EventData("e1", "Open", "qr", 0.0, None, False, 0, 0, 0, 0, 0, None, 1),
        EventData("e2", "Closed", "qr", 0.0, None, False, 0, 0, 0, 0, 0, closed_at, 30),
    )
    report = PrivacyReport(7, True, None, events, 0, 0, at=closed_at)
    lines = texts.privacy(report, None).split("\n")
    assert "  Kept while the event is open, then 1 day after it closes." in lines
    assert "  Kept until 2026-06-27, then deleted." in lines

    later = PrivacyReport(7, True, None, events[1:], 0, 0, at=closed_at + 31 * 86400)
    assert "  Kept until 2026-06-27: deleted within a day." in texts.privacy(later, None)


def test_nothing_kept_says_so(english: I18n) -> None:
    assert texts.privacy(PrivacyReport(7, False, None, (), 0, 0), None) == (
        "I keep nothing about you."
    )


def test_waits_and_pushes_use_plural_forms(i18n: I18n) -> None:
    with i18n.context(), i18n.use_locale("ru"):
        assert texts.rate_limited(5 * 60).endswith("через 5 минут.")
        assert texts.rate_limited(2 * 60).endswith("через 2 минуты.")
        assert texts.pushed("Бал", 1, 0).startswith("1 новое фото с вами в «Бал».")  # noqa: RUF001
    with i18n.context(), i18n.use_locale("en"):
        assert texts.pushed("Gala", 3, 5).startswith("3 new photos of you at «Gala». More are")
