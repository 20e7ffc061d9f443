"""The FTP logins of events' cameras: who may push files into which event, and how much."""

from __future__ import annotations

import time
from dataclasses import dataclass

from eventlens.storage.db import Database, Row


@dataclass(frozen=True)
class CameraLogin:
    event_id: str
    username: str
    password: str
    user_id: int  # the photographer whose chat hears about camera uploads
    chat_id: int
    locale: str
    bytes_used: int
    files_used: int
    rotated_at: float


def _login(row: Row) -> CameraLogin:
    return CameraLogin(
        event_id=row["event_id"],
        username=row["username"],
        password=row["password"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        locale=row["locale"],
        bytes_used=row["bytes_used"],
        files_used=row["files_used"],
        rotated_at=row["rotated_at"],
    )


class CameraLoginStore:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def for_event(self, event_id: str) -> CameraLogin | None:
        row = await self._db.fetch_one(
            "SELECT * FROM camera_logins WHERE event_id = ?", (event_id,)
        )
        return _login(row) if row else None

    async def by_username(self, username: str) -> CameraLogin | None:
        row = await self._db.fetch_one(
            "SELECT * FROM camera_logins WHERE username = ?", (username,)
        )
        return _login(row) if row else None

    async def save(
        self,
        event_id: str,
        username: str,
        password: str,
        user_id: int,
        chat_id: int,
        locale: str,
    ) -> CameraLogin:
        """Create the event's login, or set its password and reporting chat (usage kept)."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO camera_logins (event_id, username, password, user_id, chat_id, "
                "locale, rotated_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT (event_id) DO UPDATE "
                "SET password = excluded.password, user_id = excluded.user_id, "
                "chat_id = excluded.chat_id, locale = excluded.locale, "
                "rotated_at = excluded.rotated_at",
                (event_id, username, password, user_id, chat_id, locale, time.time()),
            )
        saved = await self.for_event(event_id)
        assert saved is not None
        return saved

    async def report_to(self, event_id: str, user_id: int, chat_id: int, locale: str) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE camera_logins SET user_id = ?, chat_id = ?, locale = ? WHERE event_id = ?",
                (user_id, chat_id, locale, event_id),
            )

    async def count_upload(self, event_id: str, size: int) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE camera_logins SET bytes_used = bytes_used + ?, "
                "files_used = files_used + 1 WHERE event_id = ?",
                (size, event_id),
            )
