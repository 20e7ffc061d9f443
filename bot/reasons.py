"""Every reason code from core, in the user's language: one entry per `Code`.

Skip codes read as fragments ("not an image I can read") because they follow a
file name or "Not added:"; the others are whole replies. Placeholders are the
reason's parameters; counts that decline use `ngettext`. Nothing here parses text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from aiogram.utils.i18n import lazy_gettext as __
from aiogram.utils.i18n import ngettext
from babel.support import LazyProxy

from eventlens.core.reasons import Code, Param, Reason

_TEXTS: Mapping[Code, LazyProxy] = {
    Code.NOT_AN_IMAGE: __("not an image I can read"),
    Code.UNSUPPORTED_FORMAT: __("unsupported image format {format}"),
    Code.IMAGE_EMPTY: __("the image is empty"),
    Code.TOO_MANY_PIXELS: __("too many pixels"),
    Code.IMAGE_TOO_LARGE: __("the image is {width}x{height} pixels, over the {limit} MP limit"),
    Code.JPEG_TRUNCATED: __("the JPEG file is cut short"),
    Code.JPEG_CORRUPT: __("the JPEG file is corrupt"),
    Code.IMAGE_CORRUPT: __("the image file is corrupt"),
    Code.FILE_MISSING: __("the stored file went missing"),
    Code.DECODE_FAILED: __("the image could not be decoded"),
    Code.ANALYSIS_FAILED: __("face analysis failed"),
    Code.PROCESSING_CRASHED: __(
        "processing it stopped EventLens {attempts} times; it was set aside"
    ),
    Code.DUPLICATE: __("already in the event as {source}"),
    Code.EVENT_DELETED: __("the event was deleted"),
    Code.EMPTY_FILE: __("the file is empty"),
    Code.EMPTY_FOLDER: __("the folder holds no files"),
    Code.NO_SUCH_PATH: __("no such file or folder"),
    Code.UNREADABLE_FILE: __("the file cannot be read ({error})"),
    Code.ZIP_UNSAFE_PATH: __("unsafe path inside the ZIP"),
    Code.ZIP_ENCRYPTED: __("encrypted inside the ZIP"),
    Code.ZIP_ENTRY_TOO_LARGE: __("too large once unpacked"),
    Code.ZIP_BOMB: __("suspicious compression (ZIP bomb)"),
    Code.ZIP_TOO_LARGE: __("the ZIP is too large once unpacked"),
    Code.ZIP_ENTRY_CORRUPT: __("corrupt inside the ZIP"),
    Code.ZIP_NESTED: __("ZIPs inside ZIPs are not opened"),
    Code.ZIP_CORRUPT: __("the ZIP is corrupt"),
    Code.ZIP_TOO_MANY_FILES: __("the ZIP holds {count} files, over the limit of {limit}"),
    Code.STORAGE_FULL: __("the server is out of disk space; please tell the EventLens admin"),
    # Written before skips had codes: shown as it was stored.
    Code.LEGACY: __("{text}"),
    Code.NOT_ADMIN: __("Only EventLens admins can create events. Ask one to invite you to theirs."),
    Code.NOT_OWNER: __("Only the event's owner can do that."),
    Code.NOT_MEMBER: __("Sorry, that is only for the photographers of that event."),
    Code.NO_EVENT_SELECTED: __(
        "No event is selected. Choose one with /use (or create one with /newevent), "
        "then send the photos again."
    ),
    Code.EVENT_CLOSED: __("«{event}» is closed and takes no uploads; its owner can /reopen it."),
    Code.INVALID_INVITE: __("This invite link is not valid. Ask the event's owner for a new one."),
    Code.INVITE_EXPIRED: __("This invite link has expired. Ask the event's owner for a new one."),
    Code.PHOTOGRAPHER_REMOVED: __(
        "The owner of «{event}» removed you from its photographers: your photos are not added."
    ),
    Code.FILE_TOO_LARGE: __(
        "This file is {size} MB, but bots can download at most {limit} MB from Telegram. "
        "Split it into smaller files or ZIPs."
    ),
    Code.UNSUPPORTED_FILE: __(
        "I cannot index {name}: send photos (JPEG, PNG, WebP, HEIC) or a ZIP of them."
    ),
    Code.INVALID_SLUG: __(
        "An event's short name is 1 to 63 lowercase Latin letters, digits or hyphens."
    ),
    Code.UNKNOWN_EVENT: __("There is no event called {slug}."),
    Code.UNKNOWN_PERSON: __("There is no person #{number}: /people shows the numbers."),
    Code.UNKNOWN_PERSON_FACE: __(
        "Person #{person} has no face #{number}: /person {person} shows the numbers."
    ),
    Code.PERSON_NAME: __("A name is 1 to {max} characters: for example /name 1 Bride."),
    Code.PRICE_INVALID: __(
        "A price is 1 to {max} Stars: for example /price 25 200 (a photo, the whole album)."
    ),
    Code.UNKNOWN_CHARGE: __("No payment has the charge id {charge}."),
    Code.ALREADY_REFUNDED: __("The payment {charge} was refunded already."),
    Code.WATERMARK_TEXT: __("A watermark text is 1 to {max} characters."),
    Code.WATERMARK_STYLE: __(
        "A watermark's size is {min_size} to {max_size} of the photo's short side, its "
        "opacity 0 to 1, its position one of {positions}."
    ),
    Code.RETENTION_DAYS: __(
        "Give the number of days guest data is kept after the event closes, from {min} to "
        "{max}: for example /retention 30."
    ),
    Code.EVENT_LINK_INVALID: __(
        "This event link is not valid. Scan the QR code at the event again or ask the "
        "photographer for a new link."
    ),
    Code.NOT_JOINED: __(
        "First join an event: open the link the photographer shared, or send me a photo "
        "of the event's QR code."
    ),
    Code.CONSENT_REQUIRED: __(
        "First tap Accept under the privacy notice, then send your selfie again."
    ),
    Code.SEARCH_BUSY: __("Still searching with your previous selfie, one moment."),
    Code.PHOTOS_TOO_FAST: __(
        "You have sent many photos in the last minute. Wait a minute, then send your selfie again."
    ),
    Code.SEARCH_EXPIRED: __("This search has expired. Send your selfie again."),
    Code.PHOTO_GONE: __("That photo is no longer in the event."),
    Code.NO_FACE: __(
        "I could not find a face in this photo. Take a selfie in good light, facing the "
        "camera, with nothing covering your face, and send it again."
    ),
    Code.SHARE_LINK_NOT_FOUND: __("This link does not exist."),
    Code.SHARE_LINK_EXPIRED: __("This link has expired."),
    Code.SHARE_LINK_REVOKED: __("This link was revoked by its owner."),
    Code.GALLERY_BUSY: __("Too many requests; try again in {seconds} s."),
    Code.MINI_APP_FORGED: __("Open the gallery with the button under your album in this bot."),
    Code.MINI_APP_EXPIRED: __("The gallery was open too long. Open it again from the bot."),
    Code.ORDER_CHANGED: __("The price or the photos changed. Tap the button again."),
    Code.ORDER_PAID: __("This invoice is paid already."),
    Code.SELFIE_POOR: __(
        "Your selfie is blurred, small or turned: another one, sharp and facing the camera, "
        "will find more photos of you."
    ),
    Code.MORE_POSSIBLE_THAN_SURE: __(
        "More photos are possible than sure: another selfie will settle more of them."
    ),
    Code.MODEL_PACK_MISMATCH: __(
        "«{slug}» was indexed with the face model pack {pack}, and the bot now runs another "
        "one. Ask the admin to restart it with EVENTLENS_MODEL_PACK={pack}."
    ),
    Code.MODEL_PACK_MISSING: __(
        "The face model pack {name} is not installed: put its files in {directory}."
    ),
    Code.MODEL_PACK_INCOMPLETE: __(
        "The face model pack {name} in {directory} lacks a detector or a recogniser."
    ),
    Code.MODEL_FILES_MISSING: __(
        "The bundled face models are missing: reinstall EventLens on the server."
    ),
    Code.MODEL_FILE_MISSING: __("The face model file {path} is missing."),
    Code.MODEL_FILE_MISMATCH: __(
        "The face model file {path} is damaged: reinstall EventLens on the server."
    ),
    Code.BOT_TOKEN_MISSING: __("The bot token is not set (EVENTLENS_BOT_TOKEN)."),
    Code.DEMO_FILE_MISSING: __("The demo file {path} is missing: reinstall EventLens."),
    Code.DATA_DIR_IN_USE: __("The data directory {home} is in use by another process ({pid})."),
    Code.WORKER_RUNNING: __("The data directory {home} already has an indexing worker ({pid})."),
}


def _rate_limited(minutes: int) -> str:
    return ngettext(
        "You have searched a lot in the last hour. Try again in {count} minute.",
        "You have searched a lot in the last hour. Try again in {count} minutes.",
        minutes,
    )


def _searches_today(hours: int) -> str:
    return ngettext(
        "You have searched a lot today. Try again in {count} hour.",
        "You have searched a lot today. Try again in {count} hours.",
        hours,
    )


def _many_faces(count: int) -> str:
    return ngettext(
        "I see {count} face of similar size. Send a selfie with only you in it.",
        "I see {count} faces of similar size. Send a selfie with only you in it.",
        count,
    )


# Codes whose text declines with a number: the parameter that counts, and the text.
_COUNTED: Mapping[Code, tuple[str, Callable[[int], str]]] = {
    Code.RATE_LIMITED: ("minutes", _rate_limited),
    Code.SEARCHES_TODAY: ("hours", _searches_today),
    Code.MANY_FACES: ("count", _many_faces),
}


def describe(reason: Reason) -> str:
    """The reason in the current locale, its placeholders filled from its parameters."""
    params: dict[str, Param] = dict(reason.params)
    if reason.code in _COUNTED:
        name, text = _COUNTED[reason.code]
        count = int(params[name])
        return text(count).format_map({**params, "count": count})
    return str(_TEXTS[reason.code]).format_map(params)
