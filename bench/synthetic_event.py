"""A seeded synthetic event: group photos composed from labelled face photos.

Each event photo is a canvas of a common camera or export size (12 MP down to
1600 px) with 1-8 people pasted as head-and-shoulders cut-outs (a feathered
ellipse, so no hard rectangle edges), faces 40-300 px wide, each with its own
tilt, blur and light; then the whole photo gets an exposure change, sensor noise,
JPEG compression, and sometimes a 90-degree turn with no EXIF tag. Some faces
are pushed against the frame edge. Backgrounds are plain gradients or clutter
(shapes, texture and non-face patches of the source photos). The ground truth
is the set of people pasted into each photo.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray

Box = tuple[float, float, float, float]
Locate = Callable[[NDArray[np.uint8]], Box | None]

# Photo sizes (landscape; a fifth are turned to portrait) and how often each occurs.
SIZES = (((4000, 3000), 0.35), ((3000, 2000), 0.25), ((2048, 1365), 0.25), ((1600, 1067), 0.15))
TWELVE_MP = (((4000, 3000), 1.0),)
FACE_WIDTH = (40.0, 300.0)
PATCH_SCALE = 2.6  # cut-out side / face width: hair, neck and shoulders
ROTATED_SHARE = 0.07  # photos turned by 90 degrees with no EXIF
EDGE_SHARE = 0.10  # faces pushed against the frame edge
BLUR_SHARE = 0.25
# The harder event (`bench/accuracy.py --hard`): camera-size photos with crowds of small faces.
CAMERA_SIZES = (((6000, 4000), 0.3), ((4000, 3000), 0.4), ((3000, 2000), 0.3))
CROWD_FACE_WIDTH = (24.0, 160.0)
CROWD = (6, 16)
LOOKALIKE_SHARE = 0.6  # of a photo's people, drawn among its first person's look-alikes


@dataclass(frozen=True)
class Source:
    person: str
    pixels: NDArray[np.uint8]
    face: Box


@dataclass(frozen=True)
class Outfit:
    """What one person wears all event long (`--hard`): two colours and a pattern."""

    main: tuple[int, int, int]
    second: tuple[int, int, int]
    pattern: str  # "plain", "stripes" or "jacket"


def outfits_for(names: list[str], seed: int) -> dict[str, Outfit]:
    rng = random.Random(seed ^ 0x0F17)

    def colour() -> tuple[int, int, int]:
        return (rng.randrange(256), rng.randrange(256), rng.randrange(256))

    patterns = ("plain", "stripes", "jacket")
    return {name: Outfit(colour(), colour(), rng.choice(patterns)) for name in names}


def _dress(canvas: NDArray[np.float32], outfit: Outfit, cx: float, cy: float, face: float) -> None:
    """The torso below a face centred at (cx, cy), drawn before the heads are pasted."""
    height, width = canvas.shape[:2]
    x1, x2 = max(0, int(cx - 1.1 * face)), min(width, int(cx + 1.1 * face))
    y1, y2 = max(0, int(cy + 0.6 * face)), min(height, int(cy + 3.0 * face))
    if x2 <= x1 or y2 <= y1:
        return
    region = canvas[y1:y2, x1:x2]
    region[:] = outfit.main
    if outfit.pattern == "stripes":
        period = max(2, int(face * 0.3))
        rows = (np.arange(y1, y2) - y1) // (period // 2 or 1) % 2 == 1
        region[rows] = outfit.second
    elif outfit.pattern == "jacket":
        inner = int(0.35 * face)
        left, right = max(0, int(cx - inner) - x1), max(0, int(cx + inner) - x1)
        region[:, left:right] = outfit.second


@dataclass(frozen=True)
class EventPhoto:
    name: str
    people: frozenset[str]
    jpeg: bytes


def load_sources(
    paths_by_person: dict[str, list[Path]], locate: Locate
) -> tuple[list[Source], list[Path]]:
    """Read every source photo and find its subject's face; return the unusable ones too."""
    sources, unusable = [], []
    for person, paths in paths_by_person.items():
        for path in paths:
            read = cv2.imread(str(path), cv2.IMREAD_COLOR)
            pixels = None if read is None else np.asarray(read, dtype=np.uint8)
            box = locate(pixels) if pixels is not None else None
            if pixels is None or box is None:
                unusable.append(path)
                continue
            sources.append(Source(person, pixels, box))
    return sources, unusable


def _background(
    rng: random.Random, width: int, height: int, sources: list[Source]
) -> NDArray[np.float32]:
    np_rng = np.random.default_rng(rng.randrange(1 << 30))
    top = np.array([rng.randrange(256) for _ in range(3)], dtype=np.float32)
    bottom = np.array([rng.randrange(256) for _ in range(3)], dtype=np.float32)
    ramp = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None]
    canvas = top * (1 - ramp) + bottom * ramp
    canvas = np.broadcast_to(canvas, (height, width, 3)).copy()
    if rng.random() < 0.5:
        return canvas
    small = np_rng.normal(0, 40, (max(2, height // 40), max(2, width // 40), 3))
    canvas += cv2.resize(small.astype(np.float32), (width, height), interpolation=cv2.INTER_CUBIC)
    for _ in range(rng.randint(8, 30)):
        color = tuple(rng.randrange(256) for _ in range(3))
        x, y = rng.randrange(width), rng.randrange(height)
        size = rng.randint(width // 40, width // 6)
        shape = rng.random()
        if shape < 0.4:
            cv2.rectangle(canvas, (x, y), (x + size, y + size // 2), color, -1)
        elif shape < 0.7:
            cv2.circle(canvas, (x, y), size // 2, color, -1)
        else:
            cv2.line(canvas, (x, y), (x + size, y + rng.randint(-size, size)), color, 6)
    for _ in range(rng.randint(1, 4)):  # real-photo texture away from any face
        source = rng.choice(sources)
        h = source.pixels.shape[0]
        x1, _, _, y2 = source.face
        patch = source.pixels[int(y2) :, :] if h - y2 > h / 4 else source.pixels[:, : int(x1)]
        if patch.shape[0] < 16 or patch.shape[1] < 16:
            continue
        scale = rng.uniform(0.3, 1.0) * min(width / 3 / patch.shape[1], height / 3 / patch.shape[0])
        patch = np.asarray(
            cv2.resize(patch, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8
        )
        ph, pw = patch.shape[:2]
        if ph < 2 or pw < 2:
            continue
        px, py = rng.randrange(max(1, width - pw)), rng.randrange(max(1, height - ph))
        canvas[py : py + ph, px : px + pw] = patch
    return canvas


def _cutout(
    rng: random.Random, source: Source, face_width: float
) -> tuple[NDArray[np.float32], NDArray[np.float32], float]:
    """Face-centred patch scaled to `face_width`, tilted, blurred, relit; with alpha."""
    x1, y1, x2, y2 = source.face
    centre = ((x1 + x2) / 2, (y1 + y2) / 2)
    scale = face_width / max(x2 - x1, 1.0)
    angle = max(-30.0, min(30.0, rng.gauss(0.0, 12.0)))
    side = round(PATCH_SCALE * face_width)
    matrix = cv2.getRotationMatrix2D(centre, angle, scale)
    matrix[0, 2] += side / 2 - centre[0]
    matrix[1, 2] += side / 2 - centre[1]
    patch = cv2.warpAffine(
        source.pixels.astype(np.float32),
        matrix,
        (side, side),
        flags=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REFLECT,
    )
    if rng.random() < 0.5:
        patch = patch[:, ::-1]
    if rng.random() < BLUR_SHARE:
        sigma = rng.uniform(0.6, 2.5) * max(1.0, face_width / 120.0)
        patch = cv2.GaussianBlur(patch, (0, 0), sigma)
    patch = patch * rng.uniform(0.8, 1.2) + rng.uniform(-15, 15)
    alpha = np.zeros((side, side), dtype=np.float32)
    axes = (int(side * 0.42), int(side * 0.48))
    cv2.ellipse(alpha, (side // 2, side // 2), axes, 0, 0, 360, 1.0, -1)
    alpha = np.asarray(cv2.GaussianBlur(alpha, (0, 0), side / 25), dtype=np.float32)
    return np.ascontiguousarray(patch), alpha[..., None], angle


def _place(
    rng: random.Random, width: int, height: int, face_width: float, taken: list[Box]
) -> tuple[float, float] | None:
    """A face centre whose face box overlaps no other face; sometimes at the edge."""
    half = face_width / 2
    for _ in range(60):
        if rng.random() < EDGE_SHARE:
            cut = rng.uniform(0.0, 0.3) * face_width  # up to 30% of the face outside
            side = rng.randrange(4)
            cx = rng.uniform(half, width - half)
            cy = rng.uniform(half * 1.2, height - half * 1.2)
            if side == 0:
                cx = half - cut
            elif side == 1:
                cx = width - half + cut
            elif side == 2:
                cy = half * 1.2 - cut
            else:
                cy = height - half * 1.2 + cut
        else:
            cx = rng.uniform(half, width - half)
            cy = rng.uniform(half * 1.3, height - half * 1.3)
        box = (cx - half * 1.3, cy - half * 1.5, cx + half * 1.3, cy + half * 1.5)
        if all(
            box[2] < other[0] or other[2] < box[0] or box[3] < other[1] or other[3] < box[1]
            for other in taken
        ):
            taken.append(box)
            return cx, cy
    return None


def compose(
    rng: random.Random,
    people: list[list[Source]],
    sources: list[Source],
    name: str,
    sizes: tuple[tuple[tuple[int, int], float], ...] = SIZES,
    face_widths: tuple[float, float] = FACE_WIDTH,
    outfits: dict[str, Outfit] | None = None,
) -> EventPhoto:
    width, height = rng.choices([size for size, _ in sizes], [weight for _, weight in sizes])[0]
    if rng.random() < 0.2:
        width, height = height, width
    canvas = _background(rng, width, height, sources)
    low, high = math.log(face_widths[0]), math.log(face_widths[1])
    taken: list[Box] = []
    present = set()
    placed = []
    for choices in people:
        source = rng.choice(choices)
        face_width = math.exp(rng.uniform(low, high))
        spot = _place(rng, width, height, face_width, taken)
        if spot is None:
            continue
        placed.append((source, face_width, spot, _cutout(rng, source, face_width)))
    for source, face_width, spot, _ in placed:
        if outfits is not None and source.person in outfits:
            _dress(canvas, outfits[source.person], spot[0], spot[1], face_width)
    for source, _, spot, (patch, alpha, _) in placed:
        side = patch.shape[0]
        x0, y0 = int(spot[0]) - side // 2, int(spot[1]) - side // 2
        cx1, cy1 = max(0, x0), max(0, y0)
        cx2, cy2 = min(width, x0 + side), min(height, y0 + side)
        if cx2 <= cx1 or cy2 <= cy1:
            continue
        crop = (slice(cy1 - y0, cy2 - y0), slice(cx1 - x0, cx2 - x0))
        region = canvas[cy1:cy2, cx1:cx2]
        canvas[cy1:cy2, cx1:cx2] = region * (1 - alpha[crop]) + patch[crop] * alpha[crop]
        present.add(source.person)
    finished = _finish(rng, canvas)
    quality = rng.randint(55, 95)
    ok, buffer = cv2.imencode(".jpg", finished, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return EventPhoto(name, frozenset(present), bytes(buffer))


def _finish(rng: random.Random, canvas: NDArray[np.float32]) -> NDArray[np.uint8]:
    gain, gamma = rng.uniform(0.55, 1.5), rng.uniform(0.7, 1.4)
    image = np.clip(canvas * gain, 0, 255) / 255.0
    image = np.power(image, gamma) * 255.0
    noise = rng.uniform(0.0, 8.0)
    if noise > 1.0:
        np_rng = np.random.default_rng(rng.randrange(1 << 30))
        image = image + np_rng.normal(0, noise, image.shape).astype(np.float32)
    result = np.clip(image, 0, 255).astype(np.uint8)
    if rng.random() < ROTATED_SHARE:
        result = np.ascontiguousarray(np.rot90(result, rng.choice((1, 3))))
    return np.asarray(result, dtype=np.uint8)


def build_event(
    sources: list[Source],
    photos: int,
    seed: int,
    people_per_photo: tuple[int, int] = (1, 8),
    sizes: tuple[tuple[tuple[int, int], float], ...] = SIZES,
    face_widths: tuple[float, float] = FACE_WIDTH,
    lookalikes: dict[str, list[str]] | None = None,
    dressed: bool = False,
) -> list[EventPhoto]:
    """`photos` composed photos; `people_per_photo` bounds how many people each shows.

    With `lookalikes` (person -> the people the model finds closest), a photo's
    first person is joined mostly by their look-alikes, so every guest's
    look-alikes fill many photos the guest is not in. `dressed`: each person
    wears one outfit (`Outfit`) below their face in every photo, as at a real event.
    """
    rng = random.Random(seed)
    by_person: dict[str, list[Source]] = {}
    for source in sources:
        by_person.setdefault(source.person, []).append(source)
    names = sorted(by_person)
    outfits = outfits_for(names, seed) if dressed else None
    event = []
    for number in range(photos):
        photo_rng = random.Random(rng.randrange(1 << 62))
        low, high = people_per_photo
        count = min(photo_rng.randint(low, high), len(names))
        chosen = _cast(photo_rng, names, count, lookalikes or {})
        name = f"photo-{number:04d}.jpg"
        people = [by_person[person] for person in chosen]
        event.append(compose(photo_rng, people, sources, name, sizes, face_widths, outfits))
    return event


def _cast(
    rng: random.Random, names: list[str], count: int, lookalikes: dict[str, list[str]]
) -> list[str]:
    first = rng.choice(names)
    chosen = [first]
    for other in lookalikes.get(first, []):
        if len(chosen) < count and rng.random() < LOOKALIKE_SHARE:
            chosen.append(other)
    rest = [name for name in names if name not in chosen]
    return chosen + rng.sample(rest, count - len(chosen))
