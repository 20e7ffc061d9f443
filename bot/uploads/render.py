"""The text of a batch's progress message and of the summary that replaces it.

Pure functions of a `Snapshot`, called inside an i18n locale context. Every file
in a batch is either a queued/indexed photo or a skip, so `processed` counts both
and reaches `total` exactly when the batch is finished.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _
from babel.numbers import format_decimal

from eventlens.bot.reasons import describe
from eventlens.core.records import Skip

MESSAGE_LIMIT = 4096
LISTED_SKIPS = 15
EXAMPLES_PER_REASON = 3


@dataclass(frozen=True)
class Snapshot:
    event_name: str
    total: int
    processed: int
    indexed: int
    faces: int
    skipped: int
    elapsed: float
    rate: float | None = None
    unpacking: tuple[tuple[str, int], ...] = field(default_factory=tuple)


def number(value: float, pattern: str = "#,##0") -> str:
    return format_decimal(value, format=pattern, locale=get_i18n().current_locale)


def duration(seconds: float) -> str:
    whole = max(1, round(seconds))
    if whole < 60:
        return ngettext("{count} second", "{count} seconds", whole).format(count=whole)
    minutes = round(whole / 60)
    if minutes < 60:
        return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
    hours, minutes = divmod(minutes, 60)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)


def progress_text(snapshot: Snapshot) -> str:
    lines = [_("⏳ «{event}»: indexing").format(event=snapshot.event_name)]
    if snapshot.total:
        lines.append(
            _("Photos: {processed} of {total} · faces: {faces}").format(
                processed=number(snapshot.processed),
                total=number(snapshot.total),
                faces=number(snapshot.faces),
            )
        )
    remaining = snapshot.total - snapshot.processed
    if snapshot.rate and remaining > 0:
        lines.append(
            _("{rate} photos/s · about {eta} left").format(
                rate=number(snapshot.rate, "0.0"), eta=duration(remaining / snapshot.rate)
            )
        )
    for name, entries in snapshot.unpacking:
        lines.append(
            _("📦 {name}: files unpacked: {count}").format(name=name, count=number(entries))
        )
    if snapshot.skipped:
        lines.append(_("Skipped so far: {count}").format(count=number(snapshot.skipped)))
    return "\n".join(lines)


def summary_text(snapshot: Snapshot, skips: Sequence[Skip]) -> str:
    lines = [
        _("✅ «{event}»: upload finished").format(event=snapshot.event_name),
        _("Photos indexed: {photos} · faces found: {faces} · time: {duration}").format(
            photos=number(snapshot.indexed),
            faces=number(snapshot.faces),
            duration=duration(snapshot.elapsed),
        ),
    ]
    if skips:
        lines.append(_("⚠️ Skipped: {count}").format(count=number(len(skips))))
        lines.extend(_skip_lines(skips))
    return _fit("\n".join(lines))


def _skip_lines(skips: Sequence[Skip]) -> list[str]:
    if len(skips) <= LISTED_SKIPS:
        return [
            _("• {source}: {reason}").format(source=skip.source, reason=describe(skip.reason))
            for skip in skips
        ]
    by_reason: dict[str, list[str]] = {}
    for skip in skips:
        by_reason.setdefault(describe(skip.reason), []).append(skip.source)
    counts = Counter({reason: len(sources) for reason, sources in by_reason.items()})
    return [
        _("• {reason}: {count} (e.g. {examples})").format(
            reason=reason,
            count=number(count),
            examples=", ".join(by_reason[reason][:EXAMPLES_PER_REASON]),
        )
        for reason, count in counts.most_common()
    ]


def _fit(text: str) -> str:
    """Telegram refuses messages over 4096 characters; cut at a line, say so."""
    if len(text) <= MESSAGE_LIMIT:
        return text
    more = _("… (list shortened)")
    cut = text[: MESSAGE_LIMIT - len(more) - 1]
    return cut[: cut.rfind("\n")] + "\n" + more
