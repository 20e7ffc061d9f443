"""Domain errors, each carrying a one-line message fit to show a user.

EventLensError
├── ModelPackError          model files missing, unknown pack or checksum mismatch
├── ImageError              bytes that cannot become a usable picture
│   ├── NotAnImageError     not a picture at all, or corrupt / truncated
│   └── ImageTooLargeError  more pixels than the decompression-bomb ceiling
├── ArchiveError            a ZIP that is unsafe or unreadable
├── SelfieError             a selfie we cannot search with
│   ├── NoFaceError         no usable face found
│   └── ManyFacesError      several faces and no way to tell whose
├── UnknownEventError       no event with that slug
└── InvalidSlugError        a slug that is not lowercase letters, digits, hyphens
"""

from __future__ import annotations


class EventLensError(Exception):
    """Base class; `str(error)` is the user-facing line."""


class ModelPackError(EventLensError):
    pass


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
