"""Print-ready table cards: the event's name and date, its QR code and a one-line
instruction in each of the bot's languages, as one A4 PDF.

Page 1 holds four A6 cards (2 x 2), page 2 two A5 cards (landscape, one above the
other), each framed by a thin cut line. The QR image is the one `qr_card` draws
and reads back, placed at 60 mm on A6 and 100 mm on A5 (at 300 dpi a module is
then 15 px or more for a link of up to ~80 characters).

Each text is set in the first font whose glyphs cover it: DejaVu Sans for Latin
and Cyrillic, Lohit Devanagari for Hindi (Debian's `fonts-dejavu-core` and
`fonts-lohit-deva`), shaped with HarfBuzz so Devanagari conjuncts and vowel
signs join. An instruction line that no installed font covers is left off the
card rather than printed as empty boxes; without any of these fonts the cards
use the PDF's built-in Helvetica (Latin-1 only).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF

logger = logging.getLogger(__name__)

FONT_FILES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf"),
)
BUILT_IN = "helvetica"
PAGE_W, PAGE_H = 210.0, 297.0  # A4, mm
CUT_GREY = 170


@dataclass(frozen=True)
class CardText:
    event_name: str
    date: str | None
    link: str
    lines: Sequence[str]  # the instruction, one line per language


@dataclass(frozen=True)
class _Font:
    family: str
    glyphs: frozenset[int] | None  # None: the built-in font, Latin-1 only

    def covers(self, text: str) -> bool:
        if self.glyphs is None:
            return all(ord(char) < 256 for char in text)
        return all(ord(char) in self.glyphs for char in text if not char.isspace())


@cache
def _glyphs(path: Path) -> frozenset[int]:
    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def _fonts(pdf: FPDF, files: Sequence[Path]) -> list[_Font]:
    fonts = []
    for number, path in enumerate(files):
        if path.is_file():
            family = f"card{number}"
            pdf.add_font(family, "", str(path))
            fonts.append(_Font(family, _glyphs(path)))
    return fonts or [_Font(BUILT_IN, None)]


class _Sheet:
    """An A4 document that places text and the QR inside card rectangles."""

    def __init__(self, card: CardText, qr_png: bytes, files: Sequence[Path]) -> None:
        self.card = card
        self.qr = qr_png
        self.pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margin(0)
        self.fonts = _fonts(self.pdf, files)
        if any(font.glyphs is not None for font in self.fonts):
            self.pdf.set_text_shaping(True)
        self.lines = [line for line in card.lines if self._font(line) is not None]
        for line in card.lines:
            if line not in self.lines:
                logger.info("card line left out: no installed font has its glyphs")

    def _font(self, text: str) -> _Font | None:
        return next((font for font in self.fonts if font.covers(text)), None)

    def text(self, text: str, x: float, y: float, width: float, size: float) -> float:
        """`text` centred in `width`, shrunk to fit; returns the height it took."""
        font = self._font(text) or self.fonts[0]
        self.pdf.set_font(font.family, size=size)
        while size > 5 and self.pdf.get_string_width(text) > width:
            size -= 0.5
            self.pdf.set_font(font.family, size=size)
        height = size * 0.45
        self.pdf.set_xy(x, y)
        self.pdf.cell(width, height, text, align="C")
        return height

    def frame(self, x: float, y: float, width: float, height: float) -> None:
        self.pdf.set_draw_color(CUT_GREY)
        self.pdf.set_line_width(0.2)
        self.pdf.set_dash_pattern(dash=2, gap=2)
        self.pdf.rect(x, y, width, height)
        self.pdf.set_dash_pattern()

    def a6(self, x: float, y: float) -> None:
        """Portrait 105 x 148.5 mm: name, date, a 60 mm QR, the instructions."""
        width, height, side = PAGE_W / 2, PAGE_H / 2, 60.0
        self.frame(x, y, width, height)
        inner, top = width - 14, y + 10
        top += self.text(self.card.event_name, x + 7, top, inner, 17) + 2
        if self.card.date:
            top += self.text(self.card.date, x + 7, top, inner, 11)
        self.pdf.image(io.BytesIO(self.qr), x=x + (width - side) / 2, y=top + 3, w=side, h=side)
        top += side + 7
        for line in self.lines:
            top += self.text(line, x + 7, top, inner, 9) + 1.2

    def a5(self, x: float, y: float) -> None:
        """Landscape 210 x 148.5 mm: a 100 mm QR on the left, the texts on the right."""
        width, height, side = PAGE_W, PAGE_H / 2, 100.0
        self.frame(x, y, width, height)
        self.pdf.image(io.BytesIO(self.qr), x=x + 12, y=y + (height - side) / 2, w=side, h=side)
        left, inner = x + side + 20, width - side - 30
        top = y + 28
        top += self.text(self.card.event_name, left, top, inner, 22) + 3
        if self.card.date:
            top += self.text(self.card.date, left, top, inner, 13) + 6
        for line in self.lines:
            top += self.text(line, left, top, inner, 11) + 2

    def output(self) -> bytes:
        self.pdf.add_page()
        for row in range(2):
            for column in range(2):
                self.a6(column * PAGE_W / 2, row * PAGE_H / 2)
        self.pdf.add_page()
        for row in range(2):
            self.a5(0.0, row * PAGE_H / 2)
        return bytes(self.pdf.output())


def cards_pdf(card: CardText, qr_png: bytes, fonts: Sequence[Path] = FONT_FILES) -> bytes:
    """Page 1: four A6 cards; page 2: two A5 cards (blocking: call it off the loop)."""
    return _Sheet(card, qr_png, fonts).output()
