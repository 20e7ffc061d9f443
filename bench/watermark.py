"""What a watermark costs per guest preview: plain, first render, and read back from the cache.

    python -m bench.watermark [--megapixels 12 24] [--photos 5]

Each photo is a synthetic JPEG of that many megapixels (noise over a gradient, so it
compresses like a real photo, not like a flat colour). "plain" is the metadata-free
chat preview without a mark, "text"/"logo"/"tiled" the same with the mark drawn in
(what the first guest to see the photo pays), "cached" reading the rendered preview
back from disk (what everyone after pays).
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

from eventlens.core.media.previews import CHAT_LONG_SIDE, preview_jpeg
from eventlens.core.media.watermark import Watermark, mark_image, watermarked_jpeg
from eventlens.storage.preview_cache import PreviewCache


def _photo(megapixels: float, seed: int) -> bytes:
    width = int((megapixels * 1e6 * 1.5) ** 0.5)
    height = int(width / 1.5)
    rng = np.random.default_rng(seed)
    ramp = np.linspace(40, 200, width, dtype=np.float32)[None, :, None]
    pixels = ramp + rng.normal(0, 18, (height, width, 3)).astype(np.float32)
    output = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(output, "JPEG", quality=90)
    return output.getvalue()


def _logo() -> bytes:
    logo = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    logo.paste((255, 255, 255, 220), (20, 20, 580, 180))
    output = io.BytesIO()
    logo.save(output, "PNG")
    return output.getvalue()


def _median_ms(work: Callable[[int], object], count: int) -> float:
    """The median time of `work(i)` for i in range(count), in milliseconds."""
    times = []
    for index in range(count):
        start = time.perf_counter()
        work(index)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _row(photos: list[bytes], marks: dict[str, Watermark], cache: PreviewCache) -> list[float]:
    """Plain, each mark's first render, then the cached read, for these photos."""
    count = len(photos)
    row = [_median_ms(lambda i: preview_jpeg(photos[i], CHAT_LONG_SIDE), count)]
    for mark in marks.values():
        image = mark_image(mark)

        def render(index: int, image: Image.Image = image, mark: Watermark = mark) -> bytes:
            return watermarked_jpeg(photos[index], CHAT_LONG_SIDE, image, mark)

        row.append(_median_ms(render, count))
    for index, photo in enumerate(photos):
        cache.write("e", f"p{index}", 1, CHAT_LONG_SIDE, photo)
    row.append(_median_ms(lambda i: cache.read("e", f"p{i}", 1, CHAT_LONG_SIDE), count))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description="What a watermark costs per guest preview.")
    parser.add_argument("--megapixels", type=float, nargs="+", default=[12.0, 24.0])
    parser.add_argument("--photos", type=int, default=5)
    arguments = parser.parse_args()
    marks = {
        "text": Watermark("© Studio Lens", None, "bottom_right", 0.25, 0.6),
        "logo": Watermark(None, _logo(), "bottom_right", 0.25, 0.6),
        "tiled": Watermark("© Studio Lens", None, "tiled", 0.25, 0.3),
    }
    print(f"median ms per {CHAT_LONG_SIDE}px preview, {arguments.photos} photos each")
    print(f"{'MP':>5} {'plain':>8} {'text':>8} {'logo':>8} {'tiled':>8} {'cached':>8}")
    with tempfile.TemporaryDirectory() as folder:
        cache = PreviewCache(Path(folder))
        for megapixels in arguments.megapixels:
            photos = [_photo(megapixels, seed) for seed in range(arguments.photos)]
            row = _row(photos, marks, cache)
            print(f"{megapixels:>5.0f} " + " ".join(f"{value:>8.1f}" for value in row))


if __name__ == "__main__":
    main()
