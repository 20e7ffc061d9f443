"""Requests the front doors decline, each answered with a translated line by code.

EventLensError (core.errors)
└── Refusal                  the user asked for something we politely decline
    ├── NotAllowedError      not an owner or photographer of the event for this
    ├── NoEventSelectedError an upload or command that needs /use first
    ├── EventClosedError     an upload to a closed event
    ├── InvalidInviteError   a /start ph_ link that matches no event, or has expired
    ├── RemovedError         a photographer the owner removed from the event
    ├── FileTooLargeError    over the Bot API download limit
    ├── StorageFullError     no disk space left to take a download
    └── UnsupportedFileError a document that is neither a photo nor a ZIP
"""

from __future__ import annotations

from typing import Literal

from eventlens.core.errors import EventLensError
from eventlens.core.reasons import Code

MEGABYTE = 1024 * 1024
_NEEDS = {"admin": Code.NOT_ADMIN, "member": Code.NOT_MEMBER, "owner": Code.NOT_OWNER}


class Refusal(EventLensError):
    pass


class NotAllowedError(Refusal):
    """`needs` says what the user would have to be: an admin, a member, the owner."""

    def __init__(self, needs: Literal["admin", "member", "owner"] = "member") -> None:
        super().__init__(_NEEDS[needs])
        self.needs = needs


class NoEventSelectedError(Refusal):
    default = Code.NO_EVENT_SELECTED


class EventClosedError(Refusal):
    def __init__(self, event_name: str) -> None:
        super().__init__(Code.EVENT_CLOSED, event=event_name)
        self.event_name = event_name


class InvalidInviteError(Refusal):
    default = Code.INVALID_INVITE


class RemovedError(Refusal):
    def __init__(self, event_name: str) -> None:
        super().__init__(Code.PHOTOGRAPHER_REMOVED, event=event_name)
        self.event_name = event_name


class FileTooLargeError(Refusal):
    """Sizes in bytes; the reason says them in whole megabytes (the size rounded up)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(Code.FILE_TOO_LARGE, size=-(-size // MEGABYTE), limit=limit // MEGABYTE)
        self.size = size
        self.limit = limit


class StorageFullError(Refusal):
    """The disk filled up while a download was written (ENOSPC or a quota)."""

    default = Code.STORAGE_FULL


class UnsupportedFileError(Refusal):
    def __init__(self, name: str) -> None:
        super().__init__(Code.UNSUPPORTED_FILE, name=name)
        self.name = name
