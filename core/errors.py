"""Domain errors, each carrying a one-line message fit to show a user.

EventLensError
├── ModelPackError          model files missing, unknown pack or checksum mismatch
│   └── ModelPackMismatchError  an event built with another pack than the one loaded
├── ImageError              bytes that cannot become a usable picture
│   ├── NotAnImageError     not a picture at all, or corrupt / truncated
│   └── ImageTooLargeError  more pixels than the decompression-bomb ceiling
├── ArchiveError            a ZIP that is unsafe or unreadable
├── SelfieError             a selfie we cannot search with
│   ├── NoFaceError         no usable face found
│   └── ManyFacesError      several faces and no way to tell whose
├── UnknownEventError       no event with that slug
├── InvalidSlugError        a slug that is not lowercase letters, digits, hyphens
├── GuestAccessError        a guest asking for something they may not have yet
│   ├── NotJoinedError      searching an event not joined through its token
│   ├── ConsentRequiredError  searching before accepting the privacy notice
│   ├── RateLimitedError    too many searches in the last hour
│   ├── SearchBusyError     a selfie while the guest's previous one is being searched
│   └── NoSearchError       acting on a search that has expired (or never was)
└── ShareLinkError          a share-link token that opens nothing
    ├── ShareLinkNotFoundError  forged, malformed or unknown (HTTP 404)
    └── ShareLinkGoneError      expired or revoked (HTTP 410)
"""

from __future__ import annotations

from typing import Literal


class EventLensError(Exception):
    """Base class; `str(error)` is the user-facing line."""


class ModelPackError(EventLensError):
    pass


class ModelPackMismatchError(ModelPackError):
    """Embeddings of two models cannot share one index: refuse before any write or search."""

    def __init__(self, event_slug: str, event_pack: str, loaded_pack: str) -> None:
        super().__init__(
            f"Event '{event_slug}' was indexed with model pack '{event_pack}', but "
            f"'{loaded_pack}' is loaded; set EVENTLENS_MODEL_PACK={event_pack} to use it."
        )
        self.event_slug = event_slug
        self.event_pack = event_pack
        self.loaded_pack = loaded_pack


class ImageError(EventLensError):
    pass


class NotAnImageError(ImageError):
    pass


class ImageTooLargeError(ImageError):
    pass


class ArchiveError(EventLensError):
    pass


class SelfieError(EventLensError):
    pass


class NoFaceError(SelfieError):
    pass


class ManyFacesError(SelfieError):
    def __init__(self, message: str, count: int) -> None:
        super().__init__(message)
        self.count = count


class UnknownEventError(EventLensError):
    pass


class InvalidSlugError(EventLensError):
    pass


class GuestAccessError(EventLensError):
    pass


class NotJoinedError(GuestAccessError):
    pass


class ConsentRequiredError(GuestAccessError):
    pass


class RateLimitedError(GuestAccessError):
    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class SearchBusyError(GuestAccessError):
    pass


class NoSearchError(GuestAccessError):
    pass


class ShareLinkError(EventLensError):
    pass


class ShareLinkNotFoundError(ShareLinkError):
    pass


class ShareLinkGoneError(ShareLinkError):
    def __init__(self, message: str, reason: Literal["expired", "revoked"]) -> None:
        super().__init__(message)
        self.reason = reason
