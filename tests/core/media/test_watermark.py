"""The watermark lands where it was asked for, as strong as asked, and nowhere else."""

from __future__ import annotations

import io

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from eventlens.core.media.watermark import (
    Position,
    Watermark,
    mark_image,
    normalised_logo,
    placements,
    scaled,
    stamped,
)

SIZE = (900, 600)
Box = tuple[int, int, int, int]


def _picture() -> Image.Image:
    """A smooth gradient, so that any mark stands out against its neighbourhood."""
    x = np.linspace(40, 200, SIZE[0], dtype=np.float32)
    y = np.linspace(30, 120, SIZE[1], dtype=np.float32)[:, None]
    red = np.broadcast_to(x, (SIZE[1], SIZE[0]))
    green = np.broadcast_to(y, (SIZE[1], SIZE[0]))
    blue = np.full((SIZE[1], SIZE[0]), 90, np.float32)
    return Image.fromarray(np.stack([red, green, blue], -1).astype(np.uint8))


def _text(position: Position = "bottom_right", opacity: float = 1.0) -> Watermark:
    return Watermark("© Studio Lens", None, position, 0.4, opacity)


def _pixels(image: Image.Image) -> NDArray[np.int16]:
    return np.asarray(image, dtype=np.int16)


def _region(chosen: Watermark) -> Box:
    """The box the mark occupies on a SIZE picture (x0, y0, x1, y1)."""
    sized = scaled(mark_image(chosen), SIZE, chosen.size, chosen.opacity)
    (x, y), (width, height) = placements(SIZE, sized.size, chosen.position)[0], sized.size
    return x, y, x + width, y + height


def _changed_outside(before: Image.Image, after: Image.Image, box: Box) -> int:
    difference = np.abs(_pixels(before) - _pixels(after)).max(axis=2)
    difference[box[1] : box[3], box[0] : box[2]] = 0
    return int(difference.max())


def _changed_inside(before: Image.Image, after: Image.Image, box: Box) -> float:
    difference = np.abs(_pixels(before) - _pixels(after))
    return float(difference[box[1] : box[3], box[0] : box[2]].mean())


def test_a_text_mark_changes_its_corner_and_nothing_else() -> None:
    picture, chosen = _picture(), _text("bottom_right")

    marked = stamped(picture, mark_image(chosen), chosen)
    box = _region(chosen)

    assert box[2] > SIZE[0] * 0.8 and box[3] > SIZE[1] * 0.8, "bottom right"
    assert box[2] - box[0] == round(min(SIZE) * 0.4), "long side is 40% of the short side"
    assert _changed_inside(picture, marked, box) > 20
    assert _changed_outside(picture, marked, box) == 0


def test_opacity_zero_leaves_the_picture_alone_and_one_covers_most() -> None:
    picture = _picture()
    faded, full = _text(opacity=0.0), _text(opacity=1.0)

    untouched = stamped(picture, mark_image(faded), faded)
    half = stamped(picture, mark_image(_text(opacity=0.5)), _text(opacity=0.5))
    covered = stamped(picture, mark_image(full), full)

    box = _region(full)
    assert _changed_inside(picture, untouched, box) == 0
    assert 0 < _changed_inside(picture, half, box) < _changed_inside(picture, covered, box)


def test_a_logo_keeps_its_transparency() -> None:
    logo = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    logo.paste((255, 0, 0, 255), (50, 50, 150, 150))  # an opaque red square in a clear frame
    stored = io.BytesIO()
    logo.save(stored, "PNG")
    chosen = Watermark(None, normalised_logo(stored.getvalue()), "top_left", 0.5, 1.0)
    picture = _picture()

    marked = _pixels(stamped(picture, mark_image(chosen), chosen))

    x0, y0, x1, y1 = _region(chosen)
    quarter = (x1 - x0) // 4
    middle = marked[(y0 + y1) // 2, (x0 + x1) // 2]
    assert middle[0] > 240 and middle[1] < 20 and middle[2] < 20, "the square is red"
    frame = marked[y0 + quarter // 3, x0 + quarter // 3]
    assert np.abs(frame - _pixels(picture)[y0 + quarter // 3, x0 + quarter // 3]).max() <= 1


def test_an_image_without_transparency_is_used_whole_at_the_chosen_opacity() -> None:
    stored = io.BytesIO()
    Image.new("RGB", (300, 100), (255, 255, 255)).save(stored, "JPEG")
    chosen = Watermark(None, normalised_logo(stored.getvalue()), "center", 0.3, 0.5)
    picture = _picture()

    marked = _pixels(stamped(picture, mark_image(chosen), chosen))

    x0, y0, x1, y1 = _region(chosen)
    centre = (y0 + y1) // 2, (x0 + x1) // 2
    expected = (_pixels(picture)[centre] + 255) / 2
    assert np.abs(marked[centre] - expected).max() <= 2


def test_tiles_cover_the_whole_picture() -> None:
    picture, chosen = _picture(), Watermark("EventLens", None, "tiled", 0.2, 1.0)

    marked = stamped(picture, mark_image(chosen), chosen)

    difference = np.abs(_pixels(picture) - _pixels(marked)).max(axis=2) > 20
    for row in np.array_split(difference, 3):
        for cell in np.array_split(row, 3, axis=1):
            assert cell.any(), "every ninth of the picture carries a tile"
