"""The event card: a QR code guests can scan, the link and slug; the invite apart.
/qr also sends the printable table cards, with the instruction in every language."""

from __future__ import annotations

import io

import pytest
from aiogram.methods import SendDocument, SendPhoto
from aiogram.types import BufferedInputFile

from eventlens.core.media.cards import FONT_FILES
from eventlens.core.media.qr_read import find_join_payload
from tests.bot.handlers.steps import event_card, guest_link
from tests.bot.harness import ADMIN, BotHarness


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


async def test_qr_sends_a_pdf_of_table_cards_in_every_language(harness: BotHarness) -> None:
    pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 reads the PDF (pip, [test])")
    card = await event_card(harness, "Wedding")
    (document,) = (await harness.send(ADMIN, "/qr")).of(SendDocument)
    assert document.caption is not None and document.caption.startswith("Table cards to print")
    assert isinstance(document.document, BufferedInputFile)
    assert document.document.filename.endswith("-cards.pdf")
    pages = pdfium.PdfDocument(document.document.data)
    assert len(pages) == 2
    text = pages[0].get_textpage().get_text_range()
    assert text.count("Wedding") == 4
    for line in (
        "Scan the code and send a selfie: the bot finds your photos.",
        "Escanea el código y envía un selfi: el bot encuentra tus fotos.",
    ):
        assert text.count(line) == 4
    # Cyrillic and Devanagari need Debian's fonts (.ci/run installs them).
    if FONT_FILES[0].is_file():
        assert text.count("Отсканируйте код и пришлите селфи: бот найдёт ваши фото.") == 4
    if FONT_FILES[1].is_file():
        assert "कोड" in text
    image = pages[0].render(scale=300 / 72).to_pil()
    first = image.crop((0, 0, image.width // 2, image.height // 2))  # one A6 card
    buffer = io.BytesIO()
    first.save(buffer, format="PNG")
    assert find_join_payload(buffer.getvalue()) == guest_link(card)
