"""The photographer's watermark on every preview a guest gets, never on the originals,
and a changed watermark on the very next album (no preview re-sent by an old file id)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from eventlens.core.media.previews import CHAT_LONG_SIDE, preview_jpeg
from eventlens.core.media.watermark import Watermark, mark_image, placements, scaled
from tests.e2e.conftest import RunningBot
from tests.e2e.fake_bot_api import ChatMessage, FakeBotAPI
from tests.e2e.guest_flows import GuestEvent, gala, joined_guest, selfie_album
from tests.e2e.telegram_user import FakeUser

GUEST = 7007
Box = tuple[int, int, int, int]


def _gray(data: bytes) -> NDArray[np.int16]:
    return np.asarray(Image.open(io.BytesIO(data)).convert("L"), dtype=np.int16)


def _box(chosen: Watermark, size: tuple[int, int]) -> Box:
    sized = scaled(mark_image(chosen), size, chosen.size, chosen.opacity)
    (x, y), (width, height) = placements(size, sized.size, chosen.position)[0], sized.size
    return x, y, x + width, y + height


def _changed(before: NDArray[np.int16], after: NDArray[np.int16], box: Box) -> tuple[float, float]:
    """The share of pixels far apart inside `box` and outside it (JPEG noise stays under 60)."""
    far = np.abs(before - after) > 60
    inside = np.zeros_like(far)
    inside[box[1] : box[3], box[0] : box[2]] = True
    return float(far[inside].mean()), float(far[~inside].mean())


async def _set_watermark(admin: FakeUser, text: str, position_button: str) -> None:
    """/watermark, type `text` (or keep the saved one), pick a position, Large, 100%, Save."""
    await admin.send("/watermark")
    shown = await admin.expect_message(lambda m: bool(m.buttons) or "Send me" in m.text)
    if text:
        await admin.send(text)
        shown = await admin.expect_message(lambda m: m.photo_file_id is not None)
    for label in (position_button, "Large", "100%"):
        await admin.press(shown, label)
        shown = await admin.expect_message(lambda m: m.photo_file_id is not None)
    await admin.press(shown, "Save")
    await admin.expect_message(containing="Saved")


async def _album_previews(
    guest: FakeUser, event: GuestEvent, api: FakeBotAPI
) -> tuple[ChatMessage, list[bytes]]:
    before = len(guest.messages())
    page = await selfie_album(guest, event.selfie)
    fresh = guest.messages()[before:]
    previews = [api.files[m.photo_file_id].data for m in fresh if m.photo_file_id]
    assert previews, "the album came with previews"
    return page, previews


async def _originals(running: RunningBot, event: GuestEvent) -> list[NDArray[np.int16]]:
    """Plain chat-sized previews of every photo with the guest, as made without a mark."""
    found = await running.services.photos.many(sorted(event.with_guest))
    blobs = running.services.blobs
    return [_gray(preview_jpeg(blobs.get(p.sha256), CHAT_LONG_SIDE)) for p in found.values()]


def _check(previews: list[bytes], plain: list[NDArray[np.int16]], chosen: Watermark) -> None:
    """Each preview is one of the photos, changed inside the mark's box and only there."""
    for data in previews:
        marked = _gray(data)
        same_size = [p for p in plain if p.shape == marked.shape]
        height, width = marked.shape
        box = _box(chosen, (width, height))
        inside, outside = min(
            (_changed(candidate, marked, box) for candidate in same_size),
            key=lambda pair: pair[1],
        )
        assert outside < 0.002, "outside the watermark the preview is the photo"
        assert inside > 0.03, "inside its box the watermark shows"


async def test_previews_carry_the_watermark_originals_do_not_and_a_change_applies_next(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
    tmp_path: Path,
) -> None:
    event = await gala(running_bot, fake_api, admin, tmp_path / "demo")
    await _set_watermark(admin, "© Studio Lens", "⊙")
    centre = Watermark("© Studio Lens", None, "center", 0.4, 1.0)
    plain = await _originals(running_bot, event)
    guest = user(GUEST)
    await joined_guest(guest, event)

    page, previews = await _album_previews(guest, event, fake_api)
    _check(previews, plain, centre)

    await guest.press(page, "⬇")
    document = await guest.expect_message(lambda m: "document" in m.data)
    original = _gray(fake_api.files[document.data["document"]["file_id"]].data)
    found = await running_bot.services.photos.many(sorted(event.with_guest))
    blobs = running_bot.services.blobs
    sources = [_gray(blobs.get(photo.sha256)) for photo in found.values()]
    assert any(
        source.shape == original.shape and np.array_equal(source, original) for source in sources
    ), "the original is the photo as taken, without a watermark"

    await _set_watermark(admin, "", "↖")
    corner = Watermark("© Studio Lens", None, "top_left", 0.4, 1.0)
    before = len(fake_api.calls)
    _, again = await _album_previews(guest, event, fake_api)

    _check(again, plain, corner)
    sent = [c for c in fake_api.calls[before:] if c.method in ("sendMediaGroup", "sendPhoto")]
    assert sent and all(c.files for c in sent), "uploaded anew, never re-sent by an old file id"
