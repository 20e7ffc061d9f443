"""Guest buttons: consent, face choice, the album, possible matches, links, language.

Callback data carries ids only (a face id names its photo too); handlers re-check
that the guest joined the event and that the photo is in their album, so a forged
button opens nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from eventlens.core.guests.share_links import ShareLink
from eventlens.core.records import Event
from eventlens.core.search.album import PAGE_SIZE, Album
from eventlens.core.search.matches import Tier

# Each language's name in that language: a chooser must be readable by whoever needs it.
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "es": "Español", "hi": "हिन्दी"}


class Consent(CallbackData, prefix="gc"):
    event_id: str


class FacePick(CallbackData, prefix="gf"):
    number: int


class PhotoAction(CallbackData, prefix="gp"):
    action: Literal["original", "not_me", "confirm", "hide", "similar"]
    face_id: str


class AlbumMore(CallbackData, prefix="ga"):
    tier: Tier
    page: int


class AlbumGroup(CallbackData, prefix="gg"):
    group: int  # -1: the list of groups


class AlbumSend(CallbackData, prefix="gn"):
    pass


class AlbumBuy(CallbackData, prefix="gb"):
    pass


class AnotherSelfie(CallbackData, prefix="gs"):
    pass


class RevokeLink(CallbackData, prefix="gr"):
    link_id: str
    page: int = 0


class LinksPage(CallbackData, prefix="gk"):
    page: int


class UnfollowPick(CallbackData, prefix="gu"):
    event_id: str  # empty: every followed event


class PickLanguage(CallbackData, prefix="gl"):
    code: str


def consent_keyboard(event_id: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Accept"), callback_data=Consent(event_id=event_id))
    return builder.as_markup()


def face_choice(count: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for number in range(1, count + 1):
        builder.button(text=str(number), callback_data=FacePick(number=number))
    builder.adjust(5)
    return builder.as_markup()


def album_keyboard(
    album: Album,
    group: int | None = None,
    send_all: bool = False,
    hide: bool = False,
    gallery: str | None = None,
    buy_all: int | None = None,
) -> InlineKeyboardMarkup:
    """Under the album's closing message: per photo ⬇ (the original) and ✖ (not me),
    and 🙈 (hide from other guests) where the event allows it (`hide`), and
    "similar (n)" under the best shot of a burst, which sends the others.

    An album of one group shows those buttons at once; a longer one first lists its
    groups ("Photos 11-20"), and a group's buttons come with ◀ back to the list.
    `send_all` offers to send a large album into the chat. Then possible matches
    and another selfie; the Mini App's button on top when there is a `gallery`.
    `buy_all`: the Stars a whole album costs where the event sells its originals.
    """
    builder = InlineKeyboardBuilder()
    sizes: list[int] = []
    pages = album.pages("sure")
    if pages == 1 or (group is not None and 0 <= group < pages):
        shown = album.page("sure", group or 0)
        first = shown.number * PAGE_SIZE + 1
        for number, match in enumerate(shown.matches, start=first):
            builder.button(
                text=f"⬇ {number}",
                callback_data=PhotoAction(action="original", face_id=match.face_id),
            )
            builder.button(
                text=f"✖ {number}",
                callback_data=PhotoAction(action="not_me", face_id=match.face_id),
            )
            if hide:
                builder.button(
                    text=f"🙈 {number}",
                    callback_data=PhotoAction(action="hide", face_id=match.face_id),
                )
            similar = len(album.similar_to(match.photo_id))
            if similar:
                builder.button(
                    text=_("{number}: similar ({count})").format(number=number, count=similar),
                    callback_data=PhotoAction(action="similar", face_id=match.face_id),
                )
            sizes.append(2 + int(hide) + int(bool(similar)))
        if pages > 1:
            builder.button(text="◀", callback_data=AlbumGroup(group=-1))
            sizes.append(1)
    elif pages > 1:
        for number in range(pages):
            last = min(len(album.sure), (number + 1) * PAGE_SIZE)
            builder.button(
                text=_("Photos {first}-{last}").format(first=number * PAGE_SIZE + 1, last=last),
                callback_data=AlbumGroup(group=number),
            )
        sizes += [3] * (-(-pages // 3))
    if send_all:
        builder.button(
            text=_("Send all {count} here").format(count=len(album.sure)),
            callback_data=AlbumSend(),
        )
        sizes.append(1)
    if buy_all is not None:
        builder.button(
            text=_("Buy all {count} originals: {stars} ⭐").format(
                count=len(album.sure), stars=buy_all
            ),
            callback_data=AlbumBuy(),
        )
        sizes.append(1)
    if album.maybe:
        builder.button(
            text=_("Show possible matches ({count})").format(count=len(album.maybe)),
            callback_data=AlbumMore(tier="maybe", page=0),
        )
        sizes.append(1)
    builder.button(text=_("Add another selfie"), callback_data=AnotherSelfie())
    sizes.append(1)
    builder.adjust(*sizes)
    return with_gallery(builder.as_markup(), gallery)


def possible_keyboard(face_id: str) -> InlineKeyboardMarkup:
    """Under a possible match: ✓ that's me, ✖ not me."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("✓ That's me"), callback_data=PhotoAction(action="confirm", face_id=face_id)
    )
    builder.button(text=_("✖ Not me"), callback_data=PhotoAction(action="not_me", face_id=face_id))
    return builder.as_markup()


def more_possible(page: int, remaining: int) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("Show more ({count} left)").format(count=remaining),
        callback_data=AlbumMore(tier="maybe", page=page),
    )
    return builder.as_markup()


def without_data(markup: InlineKeyboardMarkup, data: str) -> InlineKeyboardMarkup:
    """The same keyboard minus the button that carried `data` (a page that was shown)."""
    rows = [
        [button for button in row if button.callback_data != data] for row in markup.inline_keyboard
    ]
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def without_face(markup: InlineKeyboardMarkup, face_id: str) -> InlineKeyboardMarkup:
    """The same keyboard minus the row of one photo (after "not me")."""
    rows = [
        row
        for row in markup.inline_keyboard
        if not any(face_id in (button.callback_data or "") for button in row)
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def with_gallery(markup: InlineKeyboardMarkup, url: str | None) -> InlineKeyboardMarkup:
    """`markup` with the Mini App's button on top (when there is an HTTPS gallery to open)."""
    if url is None:
        return markup
    button = InlineKeyboardButton(text=_("Open the gallery"), web_app=WebAppInfo(url=url))
    return InlineKeyboardMarkup(inline_keyboard=[[button], *markup.inline_keyboard])


def another_selfie() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Add another selfie"), callback_data=AnotherSelfie())
    return builder.as_markup()


def revoke_keyboard(
    links: Sequence[ShareLink], page: int = 0, pages: int = 1, first_number: int = 1
) -> InlineKeyboardMarkup:
    """A revoke button per link of one page of /links, then ◀ ▶ between pages."""
    builder = InlineKeyboardBuilder()
    for number, link in enumerate(links, start=first_number):
        builder.button(
            text=_("Revoke link {number}").format(number=number),
            callback_data=RevokeLink(link_id=link.record.id, page=page),
        )
    sizes = [1] * len(links)
    arrows = [(page - 1, "◀"), (page + 1, "▶")]
    shown = [(target, label) for target, label in arrows if 0 <= target < pages]
    for target, label in shown:
        builder.button(text=label, callback_data=LinksPage(page=target))
    if shown:
        sizes.append(len(shown))
    builder.adjust(*sizes)
    return builder.as_markup()


def language_keyboard(codes: Sequence[str]) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code in codes:
        builder.button(text=LANGUAGE_NAMES.get(code, code), callback_data=PickLanguage(code=code))
    builder.adjust(2)
    return builder.as_markup()


def unfollow_keyboard(events: Sequence[Event]) -> InlineKeyboardMarkup:
    """One button per followed event, then one for all of them."""
    builder = InlineKeyboardBuilder()
    for event in events:
        builder.button(text=event.name[:48], callback_data=UnfollowPick(event_id=event.id))
    builder.button(text=_("All events"), callback_data=UnfollowPick(event_id=""))
    builder.adjust(1)
    return builder.as_markup()
