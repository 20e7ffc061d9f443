"""`eventlens event card`: the printable table cards /qr sends, written to a PDF file.

The QR code opens the bot named by `--bot` (its @username) with the event's guest
link; the instruction line comes from the bot's own catalogs, one per language.
"""

from __future__ import annotations

import asyncio
from importlib import resources
from pathlib import Path

from babel.messages.pofile import read_po

from eventlens.bot.links import Links
from eventlens.cli.output import emit_json, say
from eventlens.core.media.cards import CardText, cards_pdf
from eventlens.core.media.qr_card import qr_png
from eventlens.services import Services
from eventlens.settings import Settings

# The msgid of `bot.handlers.event_card.CARD_LINE`.
CARD_LINE = "Scan the code and send a selfie: the bot finds your photos."


def card_lines() -> list[str]:
    """The instruction in English, then in each catalog's language (sorted)."""
    root = Path(str(resources.files("eventlens.locales")))
    lines = [CARD_LINE]
    for catalog in sorted(root.glob("*/LC_MESSAGES/messages.po")):
        with catalog.open("rb") as stream:
            message = read_po(stream).get(CARD_LINE)
        if message is not None and isinstance(message.string, str) and message.string:
            lines.append(message.string)
    return lines


async def run(settings: Settings, slug: str, bot: str, target: str, as_json: bool) -> int:
    services = await Services.open(settings, indexes=False)
    try:
        event = await services.event(slug)
    finally:
        await services.close()
    link = Links(bot.removeprefix("@")).guest(event.guest_token)
    text = CardText(event.name, event.event_date, link, card_lines())
    pdf = await asyncio.to_thread(cards_pdf, text, await asyncio.to_thread(qr_png, link))
    Path(target).write_bytes(pdf)
    if as_json:
        emit_json({"event": slug, "pdf": target, "link": link})
    else:
        say(f"Table cards for '{slug}' (4 x A6 on page 1, 2 x A5 on page 2): {target}")
    return 0
