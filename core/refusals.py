"""Requests the bot declines, each answered with a translated line by the error router.

EventLensError (core.errors)
└── Refusal                  the user asked for something we politely decline
    ├── NotAllowedError      not an owner or photographer of the event for this
    ├── NoEventSelectedError an upload or command that needs /use first
    ├── EventClosedError     an upload to a closed event
    ├── InvalidInviteError   a /start ph_ link that matches no event
    ├── FileTooLargeError    over the Bot API download limit
    └── UnsupportedFileError a document that is neither a photo nor a ZIP

Messages are chosen by type in `bot.handlers.errors`; the English text here is for
logs only.
"""

from __future__ import annotations

from typing import Literal

from eventlens.core.errors import EventLensError


class Refusal(EventLensError):
    pass


class NotAllowedError(Refusal):
    """`needs` says what the user would have to be: an admin, a member, the owner."""

    def __init__(self, needs: Literal["admin", "member", "owner"] = "member") -> None:
        super().__init__(f"not allowed: needs {needs}")
        self.needs = needs


class NoEventSelectedError(Refusal):
    def __init__(self) -> None:
        super().__init__("no event selected")


class EventClosedError(Refusal):
    def __init__(self, event_name: str) -> None:
        super().__init__(f"event {event_name!r} is closed")
        self.event_name = event_name


class InvalidInviteError(Refusal):
    def __init__(self) -> None:
        super().__init__("invalid invite link")


class FileTooLargeError(Refusal):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"file of {size} bytes over the {limit}-byte limit")
        self.size = size
        self.limit = limit


class UnsupportedFileError(Refusal):
    def __init__(self, name: str) -> None:
        super().__init__(f"unsupported file {name!r}")
        self.name = name
