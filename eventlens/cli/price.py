"""`eventlens price`: an event's originals free, or sold for Stars per photo and per album
(the bot's /price, without a Telegram user); prints the prices and sales."""

from __future__ import annotations

from dataclasses import asdict

from eventlens.cli.output import emit_json, say
from eventlens.core.records import Price
from eventlens.services import Services
from eventlens.settings import Settings


async def run(
    settings: Settings,
    slug: str,
    photo: int | None,
    album: int | None,
    free: bool,
    as_json: bool,
) -> int:
    services = await Services.open(settings)
    try:
        event = await services.event(slug)
        if free:
            state = await services.pricing.set_for_event(event, None)
        elif photo is not None and album is not None:
            state = await services.pricing.set_for_event(event, Price(photo, album))
        else:
            state = await services.pricing.of_event(event)
    finally:
        await services.close()
    price = state.price
    if as_json:
        emit_json(
            {
                "event": slug,
                "photo_stars": price.photo_stars if price else None,
                "album_stars": price.album_stars if price else None,
                "sales": asdict(state.sales),
            }
        )
        return 0
    if price is None:
        say(f"Originals of '{slug}' are free.")
    else:
        stars = f"{price.photo_stars} Stars a photo, {price.album_stars} an album"
        say(f"Originals of '{slug}': {stars}.")
    sales = state.sales
    say(f"Sales: {sales.sales}, {sales.stars} Stars; refunds: {sales.refunds}.")
    return 0
