"""`eventlens stats`: an event's dashboard, the numbers the bot's /stats shows."""

from __future__ import annotations

from eventlens.cli.output import emit_json, say
from eventlens.services import Services
from eventlens.settings import Settings

LABELS = {
    "photos": "photos",
    "faces": "faces",
    "pending": "waiting to be indexed",
    "people": "people in several photos",
    "guests": "guests joined",
    "searches": "selfie searches",
    "albums_delivered": "albums delivered",
    "median_photos_per_guest": "median photos per guest",
    "gallery_views": "gallery views",
    "sales": "sales",
    "hidden_photos": "hidden photos",
}


async def run(settings: Settings, slug: str, as_json: bool) -> int:
    services = await Services.open(settings, indexes=False)
    try:
        event = await services.event(slug)
        numbers = (await services.dashboard.of_event(event)).numbers()
    finally:
        await services.close()
    if as_json:
        emit_json({"event": slug, **numbers})
        return 0
    say(f"Event '{slug}' ({event.name}):")
    for key, label in LABELS.items():
        value = numbers[key]
        if isinstance(value, dict):  # sales: count, Stars, refunds
            value = ", ".join(
                f"{name.replace('_', ' ')} {number}" for name, number in value.items()
            )
        if value is not None:
            say(f"  {label:<26} {value}")
    return 0
