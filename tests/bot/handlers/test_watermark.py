"""/watermark: draft a text or a logo, try it on, restyle it, then save, remove or cancel."""

from __future__ import annotations

import io

import numpy as np
from aiogram.methods import SendPhoto
from aiogram.types import BufferedInputFile
from PIL import Image

from eventlens.core.media.watermark import Watermark
from tests.bot.handlers.steps import event_card, noise_jpeg
from tests.bot.harness import ADMIN, STRANGER, BotHarness, Replies, callback_data, last_with_buttons


def _tried_on(replies: Replies) -> Image.Image:
    (sent,) = replies.of(SendPhoto)
    assert isinstance(sent.photo, BufferedInputFile)
    return Image.open(io.BytesIO(sent.photo.data)).convert("L")


async def _saved(harness: BotHarness) -> Watermark | None:
    return (await harness.app.services.watermarks.current(ADMIN.id)).watermark


async def test_a_text_is_tried_on_restyled_and_saved(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")

    asked = await harness.send(ADMIN, "/watermark")
    assert asked.texts[0].startswith("Send me the watermark for guests' previews of «Wedding»")
    tried = await harness.send(ADMIN, "© Studio Lens")
    (shown,) = tried.of(SendPhoto)
    assert shown.caption.startswith("This is how guests will see it.")
    assert ("• ↘ •", callback_data(tried, "• ↘ •")) in tried.buttons()
    first = _tried_on(tried)

    moved = await harness.press(ADMIN, callback_data(tried, "↖"), last_with_buttons(tried))
    second = _tried_on(moved)
    assert ("• ↖ •", callback_data(moved, "• ↖ •")) in moved.buttons()
    difference = np.abs(np.asarray(first, np.int16) - np.asarray(second, np.int16))
    height, width = difference.shape
    assert difference[: height // 3, : width // 3].max() > 60, "the mark went top left"
    assert await _saved(harness) is None, "nothing is saved while trying"

    bigger = await harness.press(ADMIN, callback_data(moved, "Large"), last_with_buttons(moved))
    saved = await harness.press(ADMIN, callback_data(bigger, "Save"), last_with_buttons(bigger))

    assert saved.texts == [
        "Saved: guests' previews of «Wedding» carry this watermark from now on; "
        "originals stay clean."
    ]
    assert await _saved(harness) == Watermark("© Studio Lens", None, "top_left", 0.4, 0.6)


async def test_a_logo_replaces_the_text_and_remove_takes_it_off(harness: BotHarness) -> None:
    await event_card(harness, "Wedding")
    await harness.send(ADMIN, "/watermark")
    await harness.send(ADMIN, "© Studio")
    upload = await harness.send_photo(ADMIN, noise_jpeg(5, 200))
    assert upload.of(SendPhoto) == [], "once a draft is shown, a photo is an upload, not a logo"
    await harness.send(ADMIN, "/watermark")
    logo = io.BytesIO()
    Image.new("RGBA", (120, 60), (255, 0, 0, 200)).save(logo, "PNG")

    refused = await harness.send_document(ADMIN, b"%PDF-1.4 a brochure", "logo.pdf", None)
    assert refused.of(SendPhoto) == [] and refused.texts == ["Not added: not an image I can read."]
    tried = await harness.send_document(ADMIN, logo.getvalue(), "logo.png", "image/png")
    assert len(tried.of(SendPhoto)) == 1
    await harness.press(ADMIN, callback_data(tried, "Save"), last_with_buttons(tried))
    saved = await _saved(harness)
    assert saved is not None and saved.text is None and saved.logo is not None

    again = await harness.send(ADMIN, "/watermark")
    assert len(again.of(SendPhoto)) == 1, "the saved one is shown first"
    removed = await harness.press(ADMIN, callback_data(again, "Remove"), last_with_buttons(again))

    assert removed.texts == ["Watermark removed: guests' previews of «Wedding» are plain again."]
    assert await _saved(harness) is None


async def test_cancel_keeps_what_was_saved_and_strangers_get_no_watermark(
    harness: BotHarness,
) -> None:
    await event_card(harness, "Wedding")
    await harness.send(ADMIN, "/watermark")
    tried = await harness.send(ADMIN, "© Studio")

    cancelled = await harness.press(ADMIN, callback_data(tried, "Cancel"), last_with_buttons(tried))
    after = await harness.send(ADMIN, "© not a watermark any more")

    assert cancelled.texts == ["Cancelled."]
    assert after.of(SendPhoto) == [] and await _saved(harness) is None
    forged = await harness.press(STRANGER, callback_data(tried, "Save"), last_with_buttons(tried))
    assert forged.texts == ["Send /watermark to choose a watermark again."]
    assert await _saved(harness) is None
