"""`eventlens cull`: the photos /cull flags (blurred, eyes closed, duplicates)."""

from __future__ import annotations

from eventlens.cli.output import emit_json, say
from eventlens.services import Services
from eventlens.settings import Settings


async def run(settings: Settings, slug: str, as_json: bool) -> int:
    services = await Services.open(settings)
    try:
        report = await services.cull.report_for(await services.event(slug))
    finally:
        await services.close()
    if as_json:
        emit_json(
            {
                "event": slug,
                "assessed": report.assessed,
                "flagged": [
                    {
                        "number": flag.number,
                        "photo_id": flag.photo_id,
                        "source": flag.source,
                        "blurred": flag.blurred,
                        "eyes_closed": flag.eyes_closed,
                        "duplicate_of": flag.duplicate_of,
                        "hidden": flag.hidden,
                    }
                    for flag in report.flagged
                ],
            }
        )
        return 0
    say(f"Event '{slug}': {len(report.flagged)} of {report.assessed} photos flagged")
    for flag in report.flagged:
        why = [
            label
            for label, on in (
                ("blurred", flag.blurred),
                ("eyes closed", flag.eyes_closed),
                ("similar to a better shot", flag.duplicate_of),
                ("hidden from guests", flag.hidden),
            )
            if on
        ]
        say(f"  #{flag.number:<4} {flag.source}: {', '.join(why)}")
    return 0
