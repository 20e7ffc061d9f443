"""`eventlens watermark`: show, set (`--text` or `--logo`) or `--clear` an event's watermark.

The same rule as the bot's /watermark (`core.events.watermark`): every save makes
a new version, and guests' previews are re-rendered under it as they are asked for.
`--try FILE.jpg` writes how a guest preview looks with it, without saving.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventlens.cli.output import CliError, emit_json, say
from eventlens.core.events.watermark import WatermarkState, logo_from
from eventlens.core.media.watermark import POSITIONS, Position, Watermark
from eventlens.services import Services
from eventlens.settings import Settings

DEFAULT_POSITION: Position = "bottom_right"
DEFAULT_SIZE = 0.25
DEFAULT_OPACITY = 0.6


@dataclass(frozen=True)
class Change:
    text: str | None = None
    logo: str | None = None
    clear: bool = False
    position: str | None = None
    size: float | None = None
    opacity: float | None = None
    try_on: str | None = None


def _position(name: str | None, before: Watermark | None) -> Position:
    if name is None:
        return before.position if before else DEFAULT_POSITION
    for known in POSITIONS:
        if known == name:
            return known
    raise CliError(f"--position is one of {', '.join(POSITIONS)}, not {name!r}")


async def _wanted(change: Change, before: Watermark | None) -> Watermark | None:
    """The watermark the options ask for (new content, or the saved one restyled); None
    when they ask for no change."""
    restyled = change.position or change.size is not None or change.opacity is not None
    if change.logo is not None:
        path = Path(change.logo)
        if not path.is_file():
            raise CliError(f"no logo file {change.logo}")
        text, logo = None, await logo_from(path.read_bytes())
    elif change.text is not None:
        text, logo = change.text, None
    elif not restyled:
        return None
    elif before is not None:
        text, logo = before.text, before.logo
    else:
        raise CliError("no watermark to restyle: give --text or --logo")
    return Watermark(
        text,
        logo,
        _position(change.position, before),
        change.size if change.size is not None else (before.size if before else DEFAULT_SIZE),
        change.opacity
        if change.opacity is not None
        else (before.opacity if before else DEFAULT_OPACITY),
    )


def _describe(state: WatermarkState) -> dict[str, object]:
    chosen = state.watermark
    if chosen is None:
        return {"event": state.event.slug, "version": state.version, "watermark": None}
    return {
        "event": state.event.slug,
        "version": state.version,
        "watermark": {
            "kind": "logo" if chosen.logo is not None else "text",
            "text": chosen.text,
            "position": chosen.position,
            "size": chosen.size,
            "opacity": chosen.opacity,
        },
    }


async def run(settings: Settings, slug: str, change: Change, as_json: bool) -> int:
    services = await Services.open(settings)
    try:
        event = await services.event(slug)
        state = await services.watermarks.of_event(event)
        if change.clear:
            state = await services.watermarks.clear_for(event)
        elif (wanted := await _wanted(change, state.watermark)) is not None:
            if change.try_on:
                tried = await services.watermarks.try_on_event(event, wanted)
                Path(change.try_on).write_bytes(tried)
            else:
                state = await services.watermarks.save_for(event, wanted)
    finally:
        await services.close()
    described = _describe(state)
    if as_json:
        emit_json(described)
        return 0
    mark = described["watermark"]
    if not isinstance(mark, dict):
        say(f"Event '{slug}': no watermark; guests' previews are plain.")
    else:
        what = "logo" if mark["kind"] == "logo" else f"text {mark['text']!r}"
        say(
            f"Event '{slug}': watermark {what}, {mark['position']}, size {mark['size']}, "
            f"opacity {mark['opacity']} (version {state.version})."
        )
    if change.try_on:
        say(f"Tried on, not saved: {change.try_on}")
    return 0
