"""A stranger's photo is counted and sized up before any pixel is decoded."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from eventlens.core.errors import ImageTooLargeError, PhotosTooFastError
from eventlens.core.faces.guest_lane import GuestLane
from eventlens.core.guests.image_guard import GuestImageGuard
from eventlens.core.reasons import Code
from eventlens.core.refusals import FileTooLargeError
from eventlens.services import Services

STRANGER = 9_000


def _flat_png(side: int) -> bytes:
    output = io.BytesIO()
    Image.new("L", (side, side)).save(output, "PNG")
    return output.getvalue()


async def test_a_tiny_file_of_huge_dimensions_is_refused_from_its_header(
    services: Services,
) -> None:
    bomb = _flat_png(10_900)  # ~370 KB on the wire, 119 MP (1.6 GiB) once decoded
    assert len(bomb) < 1_000_000

    with pytest.raises(ImageTooLargeError) as raised:
        await services.guests.photo(STRANGER, bomb)

    assert raised.value.code == Code.IMAGE_TOO_LARGE
    assert raised.value.why.params["limit"] == services.settings.guest_max_pixels // 1_000_000


async def test_photos_beyond_the_per_minute_rate_are_refused_unread() -> None:
    now = [0.0]
    lane = GuestLane(workers=1)
    guard = GuestImageGuard(1_000_000, 1_000_000, 3, lane, clock=lambda: now[0])
    try:
        small = _flat_png(10)
        for _ in range(3):
            await guard.admit(STRANGER, small)
        with pytest.raises(PhotosTooFastError):
            await guard.admit(STRANGER, small)
        await guard.admit(STRANGER + 1, small)  # another user is not held up

        now[0] = 61.0
        await guard.admit(STRANGER, small)  # a minute later the guest may go on
        with pytest.raises(FileTooLargeError):
            await guard.admit(STRANGER + 2, b"\0" * 1_000_001)
    finally:
        lane.close()
