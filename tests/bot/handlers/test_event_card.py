"""The event card: a QR code guests can scan, the link and slug; the invite apart."""

from __future__ import annotations

from aiogram.methods import SendPhoto
from aiogram.types import BufferedInputFile

from eventlens.core.media.qr_read import find_join_payload
from tests.bot.handlers.steps import event_card
from tests.bot.harness import BotHarness


async def test_the_qr_code_opens_the_guest_link_in_the_caption(harness: BotHarness) -> None:
    card = await event_card(harness, "Wedding")
    (sent,) = card.of(SendPhoto)
    assert isinstance(sent.photo, BufferedInputFile)
    assert sent.photo.filename is not None and sent.photo.filename.endswith("-qr.png")
    payload = find_join_payload(sent.photo.data)
    assert payload is not None and payload.startswith("ev_")
    assert f"https://t.me/eventlens_test_bot?start={payload}" in sent.caption
    slug = sent.caption.rsplit("Slug (for the command line): ", 1)[1]
    assert sent.photo.filename == f"{slug}-qr.png"
    (invite,) = card.texts[1:]
    assert invite.startswith("Invite co-photographers with this link. They can upload to «Wedding»")
