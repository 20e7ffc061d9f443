"""Table cards: the QR code on a printed A6 card still reads back as the event link."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from eventlens.core.media.cards import FONT_FILES, CardText, cards_pdf
from eventlens.core.media.qr_card import qr_png
from eventlens.core.media.qr_read import find_join_payload

pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 rasterises the PDF (pip, [test])")

LINK = "https://t.me/eventlens_bot?start=ev_Q2hhbmdlTWVJZllvdUNhbjEyMzQ1"
LINES = (
    "Scan the code and send a selfie: the bot finds your photos.",
    "Отсканируйте код и пришлите селфи: бот найдёт ваши фото.",
    "कोड स्कैन करें और सेल्फ़ी भेजें: बॉट आपकी फ़ोटो ढूँढ देगा।",
)


def _pages(pdf: bytes) -> list[tuple[int, int, bytes]]:
    """Each page rendered at 300 dpi: (width, height, PNG)."""
    pages = []
    for page in pdfium.PdfDocument(pdf):
        image = page.render(scale=300 / 72).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        pages.append((image.width, image.height, buffer.getvalue()))
    return pages


def _quarter(png: bytes, box: tuple[int, int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.open(io.BytesIO(png)).crop(box).save(buffer, format="PNG")
    return buffer.getvalue()


def test_each_a6_and_a5_card_decodes_to_the_event_link_at_300_dpi() -> None:
    pdf = cards_pdf(CardText("Anna & Pavel", "2026-06-14", LINK, LINES), qr_png(LINK))
    (width, height, a6_page), (_, _, a5_page) = _pages(pdf)
    assert abs(width - 2480) <= 1 and abs(height - 3508) <= 1  # A4 at 300 dpi
    for column in range(2):
        for row in range(2):
            card = (
                column * width // 2,
                row * height // 2,
                (column + 1) * width // 2,
                (row + 1) * height // 2,
            )
            assert find_join_payload(_quarter(a6_page, card)) == "ev_Q2hhbmdlTWVJZllvdUNhbjEyMzQ1"
    top_a5 = _quarter(a5_page, (0, 0, width, height // 2))
    assert find_join_payload(top_a5) == "ev_Q2hhbmdlTWVJZllvdUNhbjEyMzQ1"


def test_the_card_shows_the_name_date_and_every_line_a_font_covers() -> None:
    pdf = cards_pdf(CardText("Anna & Pavel", "2026-06-14", LINK, LINES), qr_png(LINK))
    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert text.count("Anna & Pavel") == 4 and text.count("2026-06-14") == 4
    assert text.count(LINES[0]) == 4
    if FONT_FILES[0].is_file():  # DejaVu Sans: Cyrillic (fonts-dejavu-core)
        assert text.count(LINES[1]) == 4
    if FONT_FILES[1].is_file():  # Lohit Devanagari: Hindi (fonts-lohit-deva)
        assert text.count("कोड") == 4


def test_lines_no_font_covers_are_left_off(tmp_path: Path) -> None:
    """Without font files the built-in Helvetica sets Latin-1 only: Cyrillic and
    Devanagari lines are dropped, never printed as empty boxes."""
    missing = (tmp_path / "none.ttf",)
    pdf = cards_pdf(CardText("Gala", None, LINK, LINES), qr_png(LINK), fonts=missing)
    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    assert text.count(LINES[0]) == 4
    assert "Отсканируйте" not in text and "स्कैन" not in text
