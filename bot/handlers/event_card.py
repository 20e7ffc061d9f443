"""The event's card: QR code of the guest link, the link, the slug; for the owner,
the co-photographer invite link in a separate message (so forwarding the QR code
to guests never forwards the invite)."""

from __future__ import annotations

import asyncio

from aiogram.types import BufferedInputFile, Message
from aiogram.utils.i18n import gettext as _

from eventlens.bot.links import Links
from eventlens.core.media.qr_card import qr_png
from eventlens.core.records import Event


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
    if owner:
        await message.answer(
            _(
                "Invite co-photographers with this link. They can upload to «{event}» only. "
                "Do not share it with guests.\n{link}"
            ).format(event=event.name, link=links.invite(event.invite_token))
        )
