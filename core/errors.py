"""Domain errors, each carrying a `Reason` (a code and its parameters) for front doors.

EventLensError              `error.why`: the Reason; `str(error)`: its English line
├── SetupError              a setting or an installed file is missing
│   └── ModelPackError      model files missing, unknown pack, checksum or pack mismatch
├── ImageError              bytes that cannot become a usable picture
│   ├── NotAnImageError     not a picture at all, or corrupt / truncated
│   └── ImageTooLargeError  more pixels than the decompression-bomb ceiling
├── ArchiveError            a ZIP that is unsafe or unreadable
├── SelfieError             a selfie we cannot search with
│   ├── NoFaceError         no usable face found
│   └── ManyFacesError      several faces and no way to tell whose
├── UnknownEventError       no event with that slug, or a join link that opens none
├── InvalidSlugError        a slug that is not lowercase letters, digits, hyphens
├── GuestAccessError        a guest asking for something they may not have yet
│   ├── NotJoinedError      searching an event not joined through its token
│   ├── ConsentRequiredError  searching before accepting the privacy notice
│   ├── RateLimitedError    too many searches in the last hour
│   ├── PhotosTooFastError  too many photos in the last minute (before any decoding)
│   ├── DailyLimitError     too many searches today, all events together
│   ├── SearchBusyError     a selfie while the guest's previous one is being searched
│   └── NoSearchError       acting on a search that has expired (or never was)
├── ShareLinkError          a share-link token that opens nothing
│   ├── ShareLinkNotFoundError  forged, malformed or unknown (HTTP 404)
│   └── ShareLinkGoneError      expired or revoked (HTTP 410)
├── GalleryBusyError        a client over its request budget, or the gallery's queue full
├── MiniAppAuthError        Telegram initData that is forged, foreign or too old (HTTP 401)
├── SalesError              prices and refunds of originals sold for Stars
└── Refusal                 requests declined politely (core.refusals)

A raise site names a code (each class has a default) and the parameters its
message needs; no raise site writes a sentence. Front doors render `error.why`.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from eventlens.core.reasons import Code, Param, Reason, english


class EventLensError(Exception):
    """Base class: `why` is what a front door renders, `str(error)` the English line."""

    default: ClassVar[Code]  # each subclass names its usual code

    def __init__(self, code: Code | None = None, /, **params: Param) -> None:
        self.why = Reason(code or self.default, params)
        super().__init__(english(self.why))

    @property
    def code(self) -> Code:
        return self.why.code


class SetupError(EventLensError):
    default = Code.BOT_TOKEN_MISSING


class ModelPackError(SetupError):
    default = Code.MODEL_PACK_MISSING


class ImageError(EventLensError):
    default = Code.NOT_AN_IMAGE


class NotAnImageError(ImageError):
    pass


class ImageTooLargeError(ImageError):
    default = Code.TOO_MANY_PIXELS


class ArchiveError(EventLensError):
    default = Code.ZIP_CORRUPT


class SelfieError(EventLensError):
    default = Code.NO_FACE


class NoFaceError(SelfieError):
    pass


class ManyFacesError(SelfieError):
    def __init__(self, count: int) -> None:
        super().__init__(Code.MANY_FACES, count=count)
        self.count = count


class UnknownEventError(EventLensError):
    default = Code.EVENT_LINK_INVALID


class InvalidSlugError(EventLensError):
    default = Code.INVALID_SLUG


class GuestAccessError(EventLensError):
    default = Code.SEARCH_EXPIRED


class NotJoinedError(GuestAccessError):
    default = Code.NOT_JOINED


class ConsentRequiredError(GuestAccessError):
    default = Code.CONSENT_REQUIRED


class RateLimitedError(GuestAccessError):
    def __init__(self, retry_after: float) -> None:
        super().__init__(Code.RATE_LIMITED, minutes=int(retry_after // 60) + 1)
        self.retry_after = retry_after


class PhotosTooFastError(GuestAccessError):
    """Over the per-minute cap on a user's photos, checked before one is even decoded."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(Code.PHOTOS_TOO_FAST)
        self.retry_after = retry_after


class DailyLimitError(GuestAccessError):
    """Over the daily cap of searches across all events; `retry_after` runs to UTC midnight."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(Code.SEARCHES_TODAY, hours=int(retry_after // 3600) + 1)
        self.retry_after = retry_after


class SearchBusyError(GuestAccessError):
    default = Code.SEARCH_BUSY


class NoSearchError(GuestAccessError):
    pass


class SalesError(EventLensError):
    default = Code.PRICE_INVALID


class ShareLinkError(EventLensError):
    default = Code.SHARE_LINK_NOT_FOUND


class ShareLinkNotFoundError(ShareLinkError):
    pass


class GalleryBusyError(EventLensError):
    def __init__(self, retry_after: float) -> None:
        super().__init__(Code.GALLERY_BUSY, seconds=max(1, round(retry_after)))
        self.retry_after = max(1, round(retry_after))


class MiniAppAuthError(EventLensError):
    default = Code.MINI_APP_FORGED


class ShareLinkGoneError(ShareLinkError):
    def __init__(self, reason: Literal["expired", "revoked"]) -> None:
        super().__init__(
            Code.SHARE_LINK_EXPIRED if reason == "expired" else Code.SHARE_LINK_REVOKED
        )
        self.reason = reason
