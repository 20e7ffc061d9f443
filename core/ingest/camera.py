"""Cameras that push files over FTP: each event's login, its quota, and the way in.

An event has one camera login (user = the event's slug, a random password), shown to
its photographers and rotated by them; progress of camera uploads goes to the chat of
the photographer who last asked for it. A login opens only an open event indexed with
the model pack in use. Each completed file counts against the event's quota (bytes and
files, refused or not) and goes through the same intake as a chat upload
(`FrameIntake`, RAW files included): stored, deduplicated by content, queued, reported.
The FTP protocol itself lives in `eventlens.ftp`; nothing here knows about it.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from eventlens.core.ingest.frames import FrameIntake
from eventlens.core.ingest.indexer import IngestResult
from eventlens.core.ingest.intake import Origin
from eventlens.core.reasons import Code, Reason
from eventlens.storage.camera_logins import CameraLogin, CameraLoginStore
from eventlens.storage.events import Event, EventStore

logger = logging.getLogger(__name__)

# Letters and digits a photographer can type on a camera's menu without confusing
# them (no 0/o, 1/l/i); 16 of them carry ~80 bits.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 16


@dataclass(frozen=True)
class CameraQuota:
    """How much one event's cameras may push in all."""

    max_bytes: int
    max_files: int


@dataclass(frozen=True)
class Room:
    """What is left of an event's quota; a transfer may write at most `bytes_left`."""

    bytes_left: int
    files_left: int

    @property
    def full(self) -> bool:
        return self.bytes_left <= 0 or self.files_left <= 0


def new_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


class CameraDesk:
    def __init__(
        self,
        logins: CameraLoginStore,
        events: EventStore,
        intake: FrameIntake,
        quota: CameraQuota,
        model_pack: str,
    ) -> None:
        self._logins = logins
        self._events = events
        self._intake = intake
        self._quota = quota
        self._pack = model_pack

    async def show(self, event: Event, user_id: int, chat_id: int, locale: str) -> CameraLogin:
        """The event's login, made on first use; camera uploads now report to this chat."""
        login = await self._logins.for_event(event.id)
        if login is None:
            return await self._logins.save(
                event.id, event.slug, new_password(), user_id, chat_id, locale
            )
        await self._logins.report_to(event.id, user_id, chat_id, locale)
        return await self._logins.for_event(event.id) or login

    async def rotate(self, event: Event, user_id: int, chat_id: int, locale: str) -> CameraLogin:
        """A new password; the old one stops working for the next login."""
        return await self._logins.save(
            event.id, event.slug, new_password(), user_id, chat_id, locale
        )

    async def authenticate(self, username: str, password: str) -> Event | None:
        """The open event this login opens, or None (wrong user or password, closed event)."""
        login = await self._logins.by_username(username)
        expected = login.password if login else new_password()  # same work either way
        if not hmac.compare_digest(expected.encode(), password.encode()) or login is None:
            return None
        event = await self._events.by_id(login.event_id)
        if event is None or event.closed or event.model_pack != self._pack:
            return None
        return event

    async def room(self, event_id: str) -> Room:
        login = await self._logins.for_event(event_id)
        bytes_used, files_used = (login.bytes_used, login.files_used) if login else (0, 0)
        return Room(self._quota.max_bytes - bytes_used, self._quota.max_files - files_used)

    async def arrived(self, event_id: str, size: int) -> None:
        """Count a completely received file against the quota, before the camera's next
        STOR is admitted (taking it in comes later, behind indexing)."""
        await self._logins.count_upload(event_id, size)

    async def receive(self, event_id: str, name: str, path: Path) -> IngestResult:
        """Take a received file (already counted: `arrived`) into the event; the file is
        removed either way."""
        try:
            data = await asyncio.to_thread(path.read_bytes)
        finally:
            path.unlink(missing_ok=True)
        login = await self._logins.for_event(event_id)
        event = await self._events.by_id(event_id)
        if login is None or event is None:
            return IngestResult("rejected", name, reason=Reason(Code.EVENT_DELETED))
        origin = Origin(login.user_id, login.chat_id, 0, login.locale)
        result = await self._intake.take(event, origin, name, data)
        logger.info("camera file %s for event %s: %s", name, event.slug, result.status)
        return result
