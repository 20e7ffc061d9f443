"""What the guest use case answers: plain results that a front door only renders.

A guest's photo ends in exactly one of `PhotoOutcome`; the other requests have
their own small unions, and "that's me" answers `Confirmed`. Refusals (not
joined, hourly cap, a search that expired) stay exceptions from `core.errors`,
and so do selfies that cannot be used.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventlens.core.guests.share_links import ShareLink
from eventlens.core.reasons import Code
from eventlens.core.records import Event, Photo
from eventlens.core.search.album import Album


@dataclass(frozen=True)
class NoEvent:
    """The guest has joined no event yet: they need its link or QR code."""


@dataclass(frozen=True)
class NeedsConsent:
    """Joined `event`, but the privacy notice is not accepted yet."""

    event: Event


@dataclass(frozen=True)
class JoinedEvent:
    """Joined `event` with the notice accepted: the next photo is a selfie."""

    event: Event


@dataclass(frozen=True)
class FaceChoice:
    """Several faces: show `image` (faces numbered 1..count) and ask which one."""

    image: bytes
    count: int


@dataclass(frozen=True)
class AlbumReady:
    """The guest's album in `event` (sure photos first) and a share link for it;
    `may_hide`: the event lets guests hide photos of themselves from others."""

    event: Event
    album: Album
    link: ShareLink
    may_hide: bool = False
    advice: Code | None = None  # one line asking for another selfie, when it would pay
    album_stars: int | None = None  # the whole album's originals; None: free


@dataclass(frozen=True)
class NothingFound:
    """The selfie was searched in `event` and matched no photo."""

    event: Event


@dataclass(frozen=True)
class SelfieFirst:
    """Following needs a search first: its selfies are what is followed."""

    event: Event


@dataclass(frozen=True)
class Following:
    event: Event
    selfies: int


@dataclass(frozen=True)
class Unfollowed:
    """These events send no more live updates; their face data is deleted."""

    events: tuple[Event, ...]


@dataclass(frozen=True)
class NotFollowing:
    """The guest follows no event (or not the one named)."""


@dataclass(frozen=True)
class LinkSummary:
    """One live share link, with its event's name and how many photos it opens."""

    link: ShareLink
    event_name: str
    photos: int


@dataclass(frozen=True)
class OriginalPhoto:
    """A photo of the guest's album, and the file name (no extension) to send it as."""

    photo: Photo
    name: str


@dataclass(frozen=True)
class Confirmed:
    """The photo is in the guest's album and share links now, and its face counts as theirs.

    `number` is its place in the open search's album (None when no search is open);
    `new` is False when it had been confirmed before.
    """

    photo_id: str
    number: int | None
    new: bool


@dataclass(frozen=True)
class Hidden:
    """Other guests no longer see the photo (albums, share links, live updates)."""

    photo_id: str


@dataclass(frozen=True)
class HidingOff:
    """The photographer does not let guests hide photos in this event."""


Joined = NeedsConsent | JoinedEvent
Found = AlbumReady | NothingFound
PhotoOutcome = NoEvent | NeedsConsent | JoinedEvent | FaceChoice | AlbumReady | NothingFound
FollowOutcome = NoEvent | SelfieFirst | Following
UnfollowOutcome = NotFollowing | Unfollowed
HideOutcome = Hidden | HidingOff
