"""The event's card: QR code of the guest link, the link, the slug; for the owner,
the co-photographer invite link in a separate message (so forwarding the QR code
to guests never forwards the invite), with its expiry date; an expired invite is
not shown, /invite makes a new one. /qr also sends the printable table cards."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import lazy_gettext as __

from eventlens.bot.i18n import languages
from eventlens.bot.links import Links
from eventlens.core.media.cards import CardText, cards_pdf
from eventlens.core.media.qr_card import qr_png
from eventlens.core.records import Event

# Printed on the table cards, once in each language the bot speaks.
CARD_LINE = __("Scan the code and send a selfie: the bot finds your photos.")


def _date(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")


def invite_text(event: Event, links: Links) -> str:
    """The owner's invite message: the link and until when it works."""
    text = _(
        "Invite co-photographers with this link. They can upload to «{event}» only. "
        "Do not share it with guests.\n{link}"
    ).format(event=event.name, link=links.invite(event.invite_token))
    if event.invite_expires_at is not None:
        text += "\n" + _(
            "The link works until {date}. /invite makes a new one and stops this one; "
            "/members lists the photographers."
        ).format(date=_date(event.invite_expires_at))
    return text


async def send_event_card(message: Message, event: Event, links: Links, owner: bool) -> None:
    guest_link = links.guest(event.guest_token)
    card = await asyncio.to_thread(qr_png, guest_link)  # drawn and read back: not on the loop
    await message.answer_photo(
        BufferedInputFile(card, filename=f"{event.slug}-qr.png"),
        caption=_(
            "«{event}»\nGuests scan this QR code or open this link, then send a selfie:\n"
            "{link}\n\nSlug (for the command line): {slug}"
        ).format(event=event.name, link=guest_link, slug=event.slug),
    )
    if owner and event.invite_live(time.time()):
        await message.answer(invite_text(event, links))
    elif owner:
        await message.answer(_("The co-photographer invite has expired: /invite makes a new one."))


def card_lines() -> list[str]:
    """The cards' instruction in every language the bot speaks, English first."""
    i18n = get_i18n()
    lines = []
    for language in languages(i18n):
        with i18n.use_locale(language):
            lines.append(str(CARD_LINE))
    return lines


async def send_print_cards(message: Message, event: Event, links: Links) -> None:
    """The A4 PDF of table cards (A6 and A5) with the guest link's QR code."""
    link = links.guest(event.guest_token)
    text = CardText(event.name, event.event_date, link, card_lines())
    qr = await asyncio.to_thread(qr_png, link)
    pdf = await asyncio.to_thread(cards_pdf, text, qr)
    await message.answer_document(
        BufferedInputFile(pdf, filename=f"{event.slug}-cards.pdf"),
        caption=_(
            "Table cards to print on A4 at 100% scale: four A6 cards on page 1, two A5 "
            "cards on page 2."
        ),
    )
