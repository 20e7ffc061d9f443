"""What a photographer reads while an upload is indexed, and after."""

from __future__ import annotations

from aiogram.utils.i18n import I18n

from eventlens.bot.uploads.render import (
    MESSAGE_LIMIT,
    Snapshot,
    duration,
    progress_text,
    summary_text,
)
from eventlens.core.reasons import Code, Reason
from eventlens.storage.jobs import Skip


def _snapshot(**changes: object) -> Snapshot:
    values: dict[str, object] = {
        "event_name": "Gala",
        "total": 200,
        "processed": 57,
        "indexed": 55,
        "faces": 143,
        "skipped": 2,
        "elapsed": 21.0,
        "rate": 9.5,
    }
    values.update(changes)
    return Snapshot(**values)  # type: ignore[arg-type]


def test_progress_shows_counts_rate_and_time_left(english: I18n) -> None:
    text = progress_text(_snapshot())
    assert text.splitlines() == [
        "⏳ «Gala»: indexing",
        "Photos: 57 of 200 · faces: 143",
        "9.5 photos/s · about 15 seconds left",
        "Skipped so far: 2",
    ]


def test_progress_without_a_rate_yet_and_while_unpacking(english: I18n) -> None:
    text = progress_text(
        _snapshot(total=0, processed=0, rate=None, skipped=0, unpacking=(("party.zip", 1200),))
    )
    assert text.splitlines() == ["⏳ «Gala»: indexing", "📦 party.zip: files unpacked: 1,200"]


def test_durations_read_naturally(english: I18n) -> None:
    assert duration(0.2) == "1 second"
    assert duration(42) == "42 seconds"
    assert duration(90) == "2 minutes"
    assert duration(3 * 3600 + 5 * 60) == "3 h 5 min"


def test_summary_lists_each_skip_with_a_translated_reason(english: I18n) -> None:
    skips = [
        Skip("party.zip:notes.txt", Reason(Code.NOT_AN_IMAGE)),
        Skip("broken.jpg", Reason(Code.JPEG_TRUNCATED)),
        Skip("party.zip:../evil.jpg", Reason(Code.ZIP_UNSAFE_PATH)),
    ]
    text = summary_text(_snapshot(indexed=197, faces=612, skipped=3, elapsed=75), skips)
    assert text.splitlines() == [
        "✅ «Gala»: upload finished",
        "Photos indexed: 197 · faces found: 612 · time: 1 minute",
        "⚠️ Skipped: 3",
        "• party.zip:notes.txt: not an image I can read",
        "• broken.jpg: the JPEG file is cut short",
        "• party.zip:../evil.jpg: unsafe path inside the ZIP",
    ]


def test_many_skips_are_grouped_by_reason_and_fit_one_message(english: I18n) -> None:
    skips = [
        Skip(f"dump.zip:{i:05d}-{'x' * 80}.txt", Reason(Code.NOT_AN_IMAGE)) for i in range(9000)
    ]
    skips += [Skip(f"dump.zip:{i}.jpg", Reason(Code.JPEG_CORRUPT)) for i in range(1000)]
    text = summary_text(_snapshot(indexed=0, faces=0, skipped=10_000), skips)
    assert len(text) <= MESSAGE_LIMIT
    assert "⚠️ Skipped: 10,000" in text
    assert "• not an image I can read: 9,000 (e.g. dump.zip:00000-" in text
    assert (
        "• the JPEG file is corrupt: 1,000 (e.g. dump.zip:0.jpg, dump.zip:1.jpg, dump.zip:2.jpg)"
        in text
    )


def test_an_overlong_summary_is_cut_at_a_line_and_says_so(english: I18n) -> None:
    reasons = [Reason(Code.LEGACY, {"text": f"reason number {i} " + "y" * 200}) for i in range(40)]
    skips = [Skip(f"f{i}.jpg", reason) for i, reason in enumerate(reasons) for _ in range(2)]
    text = summary_text(_snapshot(), skips)
    assert len(text) <= MESSAGE_LIMIT
    assert text.endswith("\n… (list shortened)")


def test_russian_summary(i18n: I18n) -> None:
    with i18n.context(), i18n.use_locale("ru"):
        text = summary_text(_snapshot(indexed=1500, faces=4021, elapsed=3), [])
    assert text.splitlines() == [
        "✅ «Gala»: загрузка завершена",
        "Проиндексировано фото: 1\xa0500 · найдено лиц: 4\xa0021 · время: 3 секунды",
    ]
