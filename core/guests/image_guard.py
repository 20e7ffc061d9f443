"""What a stranger's photo may cost before anything looks at its pixels.

Anyone can message the bot, joined or not, and the first thing done with a guest's
photo is reading it for a QR code. So every guest photo is first counted against a
per-user rate, then its header is checked against a byte and pixel budget far below
the indexing ceiling (a flat 10900x10900 PNG is 370 KB and 1.6 GiB decoded), and
only then decoded, at a bounded size, on the guest lane (`core.faces.guest_lane`):
strangers can neither exhaust memory nor take the threads that indexing and the
gallery use, and indexing steps aside while a guest's photo is read.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from eventlens.core.errors import ImageTooLargeError, PhotosTooFastError
from eventlens.core.faces.guest_lane import GuestLane
from eventlens.core.limits import SlidingWindow
from eventlens.core.media.decode import probe
from eventlens.core.reasons import Code
from eventlens.core.refusals import FileTooLargeError

P = ParamSpec("P")
T = TypeVar("T")

WINDOW_SECONDS = 60.0
# A guest's photo is a selfie or a photo of a poster: Telegram's own photos are far smaller.
GUEST_PHOTO_BYTES = 20 * 1024 * 1024


class GuestImageGuard:
    def __init__(
        self,
        max_bytes: int,
        max_pixels: int,
        per_minute: int,
        lane: GuestLane,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._max_bytes = max_bytes
        self._max_pixels = max_pixels
        self._rate = SlidingWindow(per_minute, WINDOW_SECONDS, clock)
        self._lane = lane

    async def admit(self, guest_id: int, data: bytes) -> None:
        """Refuse, before decoding, a photo over the guest's rate or the size budget."""
        wait = self._rate.hit(guest_id)
        if wait is not None:
            raise PhotosTooFastError(wait)
        if len(data) > self._max_bytes:
            raise FileTooLargeError(size=len(data), limit=self._max_bytes)
        image, _ = await self.run(probe, data)
        width, height = image.size
        if width * height > self._max_pixels:
            raise ImageTooLargeError(
                Code.IMAGE_TOO_LARGE,
                width=width,
                height=height,
                limit=self._max_pixels // 1_000_000,
            )

    async def run(self, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run CPU-bound work on a guest photo off the event loop, on the guest lane."""
        return await self._lane.run(work, *args, **kwargs)
