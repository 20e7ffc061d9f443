"""A photographer's watermark on a preview: a text or a logo, placed, sized and faded.

The mark is drawn once at full strength (`mark_image`: white DejaVu Sans text with a
dark outline, or the logo as sent, its own transparency kept) and then, per
preview, scaled so that its long side is `size` times the preview's short side,
faded to `opacity` and composited at `position` (a corner, the centre, or tiled
over the whole picture). Originals never pass through here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from PIL import Image, ImageDraw, ImageFont, ImageOps

from eventlens.core.media.decode import probe
from eventlens.core.media.previews import jpeg, preview_image

Position = Literal["bottom_right", "bottom_left", "top_right", "top_left", "center", "tiled"]
POSITIONS: tuple[Position, ...] = get_args(Position)
MIN_SIZE, MAX_SIZE = 0.05, 0.8  # the mark's long side, as a share of the preview's short side
MARGIN = 0.03  # gap to the edges, as a share of the preview's short side
TILE_GAP = 0.6  # space between tiles, as a share of the tile
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TEXT_PIXELS = 160  # text is drawn this tall once, then scaled per preview
LOGO_LONG_SIDE = 1024  # logos are kept at most this long
MAX_TEXT = 64  # characters
MAX_LOGO_BYTES = 10 * 1024 * 1024  # a logo file as sent


@dataclass(frozen=True)
class Watermark:
    """What the photographer chose; exactly one of `text` and `logo` (PNG bytes) is set."""

    text: str | None
    logo: bytes | None
    position: Position
    size: float
    opacity: float


def normalised_logo(data: bytes) -> bytes:
    """A logo as it is kept: upright RGBA PNG at most LOGO_LONG_SIDE long; ImageError if
    `data` is not an image. An image without transparency stays a plain rectangle."""
    image, _ = probe(data)
    upright = ImageOps.exif_transpose(image).convert("RGBA")
    upright.thumbnail((LOGO_LONG_SIDE, LOGO_LONG_SIDE), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    upright.save(output, "PNG", optimize=True)
    return output.getvalue()


def mark_image(mark: Watermark) -> Image.Image:
    """The mark at full strength and its own resolution, RGBA."""
    if mark.logo is not None:
        with Image.open(io.BytesIO(mark.logo)) as logo:
            return logo.convert("RGBA")
    return _text_image(mark.text or "")


def _font(pixels: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if FONT_PATH.is_file():
        return ImageFont.truetype(str(FONT_PATH), pixels)
    return ImageFont.load_default(pixels)


def _text_image(text: str) -> Image.Image:
    font = _font(TEXT_PIXELS)
    stroke = TEXT_PIXELS // 14
    left, top, right, bottom = ImageDraw.Draw(Image.new("RGBA", (1, 1))).textbbox(
        (0, 0), text, font=font, stroke_width=stroke
    )
    size = (max(1, round(right - left)), max(1, round(bottom - top)))
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).text(
        (-left, -top),
        text,
        font=font,
        fill=(255, 255, 255, 255),
        stroke_width=stroke,
        stroke_fill=(0, 0, 0, 170),
    )
    return image


def scaled(mark: Image.Image, picture: tuple[int, int], size: float, opacity: float) -> Image.Image:
    """`mark` with its long side `size` x the picture's short side, faded to `opacity`."""
    long_side = max(1, round(min(picture) * size))
    ratio = long_side / max(mark.size)
    width, height = (max(1, round(side * ratio)) for side in mark.size)
    resized = mark.resize((width, height), Image.Resampling.LANCZOS)
    alpha = resized.getchannel("A").point(lambda value: round(value * opacity))
    resized.putalpha(alpha)
    return resized


def placements(
    picture: tuple[int, int], mark: tuple[int, int], position: Position
) -> list[tuple[int, int]]:
    """Top-left corners where the mark goes on a picture of that size."""
    width, height = picture
    mark_width, mark_height = mark
    margin = round(min(picture) * MARGIN)
    right, bottom = width - mark_width - margin, height - mark_height - margin
    if position == "tiled":
        step_x = max(1, round(mark_width * (1 + TILE_GAP)))
        step_y = max(1, round(mark_height + mark_width * TILE_GAP / 2))
        corners = []
        for row, y in enumerate(range(margin, height, step_y)):
            shift = (step_x // 2) * (row % 2)
            corners += [(x, y) for x in range(margin - shift, width, step_x)]
        return corners
    corner = {
        "bottom_right": (right, bottom),
        "bottom_left": (margin, bottom),
        "top_right": (right, margin),
        "top_left": (margin, margin),
        "center": ((width - mark_width) // 2, (height - mark_height) // 2),
    }[position]
    return [corner]


def stamped(picture: Image.Image, mark: Image.Image, chosen: Watermark) -> Image.Image:
    """`picture` (RGB) with `mark` (from `mark_image`) placed as `chosen` says."""
    if chosen.opacity <= 0:
        return picture
    sized = scaled(mark, picture.size, chosen.size, chosen.opacity)
    layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
    for corner in placements(picture.size, sized.size, chosen.position):
        layer.alpha_composite(sized, _clipped(corner), _source_box(corner, sized.size))
    return Image.alpha_composite(picture.convert("RGBA"), layer).convert("RGB")


def _clipped(corner: tuple[int, int]) -> tuple[int, int]:
    return max(0, corner[0]), max(0, corner[1])


def _source_box(corner: tuple[int, int], size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The part of a tile that is inside the picture when its corner lies left of or above it."""
    return (max(0, -corner[0]), max(0, -corner[1]), size[0], size[1])


def watermarked_jpeg(data: bytes, long_side: int, mark: Image.Image, chosen: Watermark) -> bytes:
    """A metadata-free preview of `data` carrying the watermark."""
    return jpeg(stamped(preview_image(data, long_side), mark, chosen))


def sample_picture() -> bytes:
    """A neutral landscape-shaped JPEG to preview a watermark on before any photo exists."""
    width, height = 1280, 853
    gradient = Image.linear_gradient("L").resize((width, height))
    picture = Image.merge(
        "RGB",
        (
            gradient.point(lambda value: 90 + value // 3),
            gradient.point(lambda value: 110 + value // 4),
            gradient.point(lambda value: 140 + value // 5),
        ),
    )
    return jpeg(picture)
