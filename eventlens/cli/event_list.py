"""`eventlens event list`: every event with its counts."""

from __future__ import annotations

import time

from eventlens.cli.output import emit_json, say
from eventlens.services import Services
from eventlens.settings import Settings


async def run(settings: Settings, as_json: bool) -> int:
    services = await Services.open(settings, indexes=False)
    try:
        summaries = await services.events.summaries()
    finally:
        await services.close()
    rows = [
        {
            "slug": item.event.slug,
            "name": item.event.name,
            "photos": item.counts.photos,
            "faces": item.counts.faces,
            "pending": item.counts.pending,
            "closed": item.event.closed,
            "created_at": time.strftime("%Y-%m-%d %H:%M", time.localtime(item.event.created_at)),
        }
        for item in summaries
    ]
    if as_json:
        emit_json({"events": rows})
        return 0
    if not rows:
        say("No events yet. Create one with: eventlens index --event SLUG PHOTOS...")
        return 0
    say(f"{'SLUG':<24} {'PHOTOS':>7} {'FACES':>7} {'PENDING':>8}  CREATED")
    for row in rows:
        say(
            f"{row['slug']:<24} {row['photos']:>7} {row['faces']:>7} {row['pending']:>8}  "
            f"{row['created_at']}{'  (closed)' if row['closed'] else ''}"
        )
    return 0
