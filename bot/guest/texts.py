"""What the bot says to guests, in the current locale. Pure functions of plain data."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from eventlens.core.events.retention import kept_until
from eventlens.core.guests.outcomes import LinkSummary
from eventlens.core.guests.share_links import ShareLink
from eventlens.core.records import PrivacyReport
from eventlens.core.search.album import LARGE_ALBUM, Album


def _date(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")


def consent_notice(event_name: str, link_days: int, kept_days: int) -> str:
    """`kept_days`: the event's retention, set by its photographer (/retention)."""
    retention = ngettext(
        "All I keep for this event, face data from your selfies included, is deleted "
        "{count} day after the event closes (its photographer sets this period).",
        "All I keep for this event, face data from your selfies included, is deleted "
        "{count} days after the event closes (its photographer sets this period).",
        kept_days,
    ).format(count=kept_days)
    return _(
        "«{event}» uses EventLens to find your photos.\n\n"
        "What happens: I compare the face in your selfie with the faces in this event's "
        "photos. Your selfie is never stored; the search is kept in memory for an hour.\n"
        "What I keep: that you joined, and, only if you choose /follow, numbers describing "
        "your face, until you /unfollow. Share links expire after {days} days.\n"
        "{retention}\n"
        "/privacy shows what I keep, /forget deletes all of it.\n\n"
        "Tap Accept to start."
    ).format(event=event_name, days=link_days, retention=retention)


def send_selfie(event_name: str) -> str:
    return _(
        "You are in «{event}». Now send me a selfie: one clear photo of your face, in good "
        "light, looking at the camera."
    ).format(event=event_name)


def selfie_mode(event_name: str) -> str:
    """A photographer who opened a guest link: their photos stop being uploads."""
    return _(
        "Guest mode: the photos you send now search «{event}» for you and are not uploaded. "
        "/use switches back to uploading."
    ).format(event=event_name)


def join_first() -> str:
    return _(
        "First join an event: open the link the photographer shared, or send me a photo "
        "of the event's QR code."
    )


def bad_event_link() -> str:
    return _(
        "This event link is not valid. Scan the QR code at the event again or ask the "
        "photographer for a new link."
    )


def no_face() -> str:
    return _(
        "I could not find a face in this photo. Take a selfie in good light, facing the "
        "camera, with nothing covering your face, and send it again."
    )


def which_face() -> str:
    return _("I see several people. Which one are you?")


def busy() -> str:
    return _("Still searching with your previous selfie, one moment.")


def rate_limited(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    return ngettext(
        "You have searched a lot in the last hour. Try again in {count} minute.",
        "You have searched a lot in the last hour. Try again in {count} minutes.",
        minutes,
    ).format(count=minutes)


def expired() -> str:
    return _("This search has expired. Send your selfie again.")


def not_a_photo() -> str:
    return _("I can only search with photos. Send your selfie as a photo.")


def unreadable() -> str:
    return _("I could not read this picture. Send your selfie as a photo.")


def too_many_pixels() -> str:
    return _(
        "This picture has too many pixels for me to read. Send your selfie as a photo, "
        "not as a file."
    )


def too_big(megabytes: int) -> str:
    return _(
        "This file is {size} MB, too big for me to download. Send your selfie as a photo "
        "instead of a file."
    ).format(size=megabytes)


def nothing_found(event_name: str) -> str:
    return _(
        "I found no photos of you in «{event}» yet. Try another selfie, or /follow to get "
        "new photos when the photographer adds them."
    ).format(event=event_name)


def album_summary(
    event_name: str, album: Album, link: ShareLink, days: int, advice: str | None = None
) -> str:
    """The closing message: the sure photos, possible matches on request, the share link,
    and one line asking for another selfie when that would pay (`advice`)."""
    total = len(album.sure)
    found = ngettext(
        "I found {count} photo of you in «{event}».",
        "I found {count} photos of you in «{event}».",
        total,
    ).format(count=total, event=event_name)
    lines = [found]
    if album.maybe:
        lines.append(possible_offer(len(album.maybe)))
    share = _("Share them: {url}\nThe link works for {days} days; /links revokes it.").format(
        url=link.url, days=days
    )
    if advice:
        lines.append(advice)
    return "\n".join(lines) + f"\n{share}\n\n{page_hint()}"


def page_hint() -> str:
    return _("⬇ sends the original file, ✖ removes a photo that is not you.")


def another_selfie() -> str:
    return _("Send another selfie: I will search with all of them together.")


def removed() -> str:
    return _("Removed. I will count faces like this one against later searches.")


def following(event_name: str) -> str:
    return _(
        "You follow «{event}»: when the photographer adds photos of you, I send them here, "
        "at most one message every few minutes. For this I keep numbers describing your "
        "face (never the selfie) until you /unfollow."
    ).format(event=event_name)


def selfie_before_follow() -> str:
    return _("Send a selfie first, then /follow.")


def unfollowed(event_name: str) -> str:
    return _("You no longer follow «{event}». I deleted your face data for it.").format(
        event=event_name
    )


def not_following() -> str:
    return _("You do not follow any event, so I keep no face data for updates.")


def which_unfollow() -> str:
    return _("Which event should stop sending you new photos?")


def pushed(event_name: str, count: int, waiting: int) -> str:
    text = ngettext(
        "A new photo of you at «{event}».",
        "{count} new photos of you at «{event}».",
        count,
    ).format(count=count, event=event_name)
    if waiting:
        text += " " + _("More are coming in a few minutes.")
    return text + " " + _("/unfollow stops these messages.")


def links(items: list[LinkSummary], first_number: int = 1, page: int = 0, pages: int = 1) -> str:
    """One page of /links (a page stays far below Telegram's 4096 characters)."""
    if not items:
        return _("You have no active share links.")
    lines = [_("Your share links:")]
    if pages > 1:
        lines[0] += " " + _("(page {page} of {pages})").format(page=page + 1, pages=pages)
    for number, item in enumerate(items, start=first_number):
        lines.append(
            _("{number}. «{event}», {photos} photos, until {date}:\n{url}").format(
                number=number,
                event=item.event_name,
                photos=item.photos,
                date=_date(item.link.record.expires_at),
                url=item.link.url,
            )
        )
    return "\n".join(lines)


def link_revoked() -> str:
    return _("Link revoked: it no longer opens.")


def privacy(report: PrivacyReport, language_name: str | None) -> str:
    if not report.known and not report.search_in_memory:
        return _("I keep nothing about you.")
    lines = [_("What I keep about you right now:")]
    for event in report.events:
        consent = (
            _("notice accepted on {date}").format(date=_date(event.consent_at))
            if event.consent_at is not None
            else _("notice not accepted")
        )
        lines.append(
            _("• «{event}»: joined on {date}, {consent}.").format(
                event=event.event_name, date=_date(event.joined_at), consent=consent
            )
        )
        if event.following:
            lines.append(
                _("  Following: face data from {count} selfie(s).").format(count=event.enrolments)
            )
        if event.rejections:
            lines.append(_("  Photos marked «not me»: {count}.").format(count=event.rejections))
        if event.confirmations:
            lines.append(
                _("  Photos marked «that's me»: {count}.").format(count=event.confirmations)
            )
        if event.hidden:
            lines.append(
                _("  Photos you hid from other guests: {count}.").format(count=event.hidden)
            )
        lines.append(_("  Searches in the last day: {count}.").format(count=event.searches))
        lines.append(_kept(event.closed_at, event.guest_data_days, report.at))
    if report.active_links or report.inactive_links:
        lines.append(
            _("• Share links: {active} active, {inactive} expired or revoked.").format(
                active=report.active_links, inactive=report.inactive_links
            )
        )
    if language_name:
        lines.append(_("• Language: {language}.").format(language=language_name))
    if report.search_in_memory:
        lines.append(_("• Your current search, in memory only, for up to an hour."))
    lines.append(_("Selfies are never stored. /forget deletes all of this."))
    return "\n".join(lines)


def _kept(closed_at: float | None, days: int, now: float) -> str:
    """Until when an event's data about the guest is kept (its retention)."""
    until = kept_until(closed_at, days)
    if until is None:
        return ngettext(
            "  Kept while the event is open, then {count} day after it closes.",
            "  Kept while the event is open, then {count} days after it closes.",
            days,
        ).format(count=days)
    if until <= now:
        return _("  Kept until {date}: deleted within a day.").format(date=_date(until))
    return _("  Kept until {date}, then deleted.").format(date=_date(until))


def forgotten(anything: bool) -> str:
    if not anything:
        return _("There was nothing to delete: I keep nothing about you.")
    return _(
        "Done: I deleted everything I kept about you (events joined, face data, «not me» "
        "marks, share links, language). To search again, join an event again."
    )


def choose_language() -> str:
    return _("Choose your language:")


def language_set() -> str:
    return _("From now on I write to you in English.")


def guest_help() -> str:
    return _(
        "EventLens finds every photo you are in at an event, from one selfie.\n\n"
        "1. Open the event's link or send me a photo of its QR code.\n"
        "2. Accept the privacy notice and send a selfie.\n"
        "3. Get your photos; ⬇ sends an original, ✖ removes a photo that is not you.\n\n"
        "/follow sends you new photos as they are added, /unfollow stops it.\n"
        "/links lists your share links, /privacy shows what I keep, /forget deletes it, "
        "/language changes the language."
    )


def progress(sent: int, total: int) -> str:
    return _("Sending your photos: {sent} of {total}.").format(sent=sent, total=total)


def large_album(count: int) -> str:
    return _(
        "That is more than {limit} photos: open them in the gallery above, or let me send "
        "all {count} here (it takes about {minutes} minutes)."
    ).format(limit=LARGE_ALBUM, count=count, minutes=max(1, round(count / 60)))


def possible_offer(count: int) -> str:
    return _(
        "Possible matches: {count}. They may be someone else, so they are not in your "
        "album or link; I send them if you ask, and ✓ adds one."
    ).format(count=count)


def possible_caption(number: int, total: int) -> str:
    return _("❓ Possible match {number} of {total}: is this you?").format(
        number=number, total=total
    )


def possible_left(count: int) -> str:
    return _("More possible matches: {count}.").format(count=count)


def no_more() -> str:
    return _("No more photos: you have seen them all.")


def confirmed() -> str:
    return _("Added to your album and your share link.")


def confirmed_caption(number: int | None) -> str:
    if number is None:
        return _("✓ You: in your share link now.")
    return _("✓ You: photo {number} of your album, and in your share link.").format(number=number)


def hidden() -> str:
    return _("Hidden: other guests no longer get this photo, in chats or share links.")


def hiding_off() -> str:
    return _("The photographer does not let guests hide photos in this event.")
