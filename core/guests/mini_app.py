"""The guest's album inside Telegram (the Mini App): what it shows and what it may do.

Every request names its guest only through Telegram's signed `initData`
(`core.guests.webapp_auth`). The album is the guest's open search in the event
they joined last, and only while they are still joined with consent; a photo is
served only while it is in that album, addressed by one of its faces as the bot's
buttons do. Previews and originals are the share-link gallery's own (no metadata,
no GPS) on its threads and cache. A verdict on a photo ("not me") is the same rule
as the bot's button: one more verdict is one more entry in `_VERDICTS`.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from eventlens.core.errors import ImageError, MiniAppAuthError, NoSearchError
from eventlens.core.guests.desk import GuestDesk
from eventlens.core.guests.gallery import SharedAlbums, SharedFile
from eventlens.core.guests.selfie_search import GuestSearch
from eventlens.core.guests.webapp_auth import check_init_data
from eventlens.core.media.previews import CHAT_LONG_SIDE, GRID_LONG_SIDE
from eventlens.core.reasons import Code
from eventlens.core.search.album import Album

Verdict = Literal["not_me", "me"]
VERDICTS: tuple[str, ...] = get_args(Verdict)
PreviewSize = Literal["grid", "full"]
_LONG_SIDES: dict[PreviewSize, int] = {"grid": GRID_LONG_SIDE, "full": CHAT_LONG_SIDE}


@dataclass(frozen=True)
class MiniAppAlbum:
    """What the page lists: sure photos, then possible matches, each by a face id."""

    event_name: str
    sure: tuple[str, ...]
    maybe: tuple[str, ...]


class MiniAppAlbums:
    def __init__(
        self,
        bot_token: str | None,
        max_age_seconds: float,
        desk: GuestDesk,
        search: GuestSearch,
        gallery: SharedAlbums,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._token = bot_token
        self._max_age = max_age_seconds
        self._desk = desk
        self._search = search
        self._gallery = gallery
        self._clock = clock
        self._verdicts: dict[str, Callable[[int, str], Awaitable[None]]] = {
            "not_me": desk.not_me,
            "me": self._confirm,
        }

    def guest(self, init_data: str) -> int:
        """The Telegram id behind `init_data`; MiniAppAuthError when it proves nothing."""
        if not self._token:  # no bot (the CLI): nothing can be signed for us
            raise MiniAppAuthError()
        return check_init_data(init_data, self._token, self._clock(), self._max_age).id

    async def album(self, guest_id: int) -> MiniAppAlbum | None:
        """The guest's album in their current event, or None before a selfie found one."""
        found = await self._album(guest_id)
        if found is None:
            return None
        event_name, album = found
        return MiniAppAlbum(
            event_name,
            tuple(match.face_id for match in album.sure),
            tuple(match.face_id for match in album.maybe),
        )

    async def preview(self, guest_id: int, face_id: str, size: PreviewSize) -> bytes:
        """A metadata-free JPEG of a photo in the guest's album."""
        found = await self._album(guest_id)
        photo = await self._search.photo_in_album(guest_id, face_id) if found else None
        if photo is None:
            raise NoSearchError(Code.PHOTO_GONE)
        return await self._gallery.preview_of(photo, _LONG_SIDES[size])

    async def files(self, guest_id: int, face_ids: Sequence[str]) -> AsyncIterator[SharedFile]:
        """The originals (minus GPS) of the chosen photos of the album, in album order."""
        found = await self._album(guest_id)
        if found is None:
            raise NoSearchError()
        album = found[1]
        event = await self._desk.current_event(guest_id)
        slug = event.slug if event else "photos"
        chosen = set(face_ids)
        matches = [*album.sure, *album.maybe]
        for number, match in enumerate(matches, start=1):
            if match.face_id not in chosen:
                continue
            photo = await self._search.photo_in_album(guest_id, match.face_id)
            if photo is None:
                continue
            try:
                image = await self._gallery.shareable(photo)
            except (OSError, ImageError):
                continue
            yield SharedFile(f"{slug}-{number:03d}.{image.extension}", image)

    async def judge(self, guest_id: int, face_id: str, verdict: Verdict) -> None:
        """Apply the guest's verdict on a photo of their album (the bot's rule, not a copy)."""
        if await self._album(guest_id) is None:
            raise NoSearchError()
        if await self._search.photo_in_album(guest_id, face_id) is None:
            raise NoSearchError(Code.PHOTO_GONE)
        await self._verdicts[verdict](guest_id, face_id)

    async def _confirm(self, guest_id: int, face_id: str) -> None:
        await self._desk.confirm(guest_id, face_id)

    async def _album(self, guest_id: int) -> tuple[str, Album] | None:
        event = await self._desk.current_event(guest_id)
        result = self._search.current(guest_id)
        if event is None or result is None or result.event_id != event.id:
            return None
        join = await self._desk.joined(guest_id, event.id)
        if join is None or not join.consented:
            return None
        return event.name, result.album
