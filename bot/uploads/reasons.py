"""Why a file was skipped, in the photographer's language.

`core/` explains itself in English (the CLI prints it as is) and the skip table
keeps that text. Here each known wording is matched, its variable parts captured
as named placeholders, and the translated sentence filled in; an unknown wording
is shown as it came, so a new core message is never hidden.
"""

from __future__ import annotations

import re

from aiogram.utils.i18n import lazy_gettext as __
from babel.support import LazyProxy

_REASONS: tuple[tuple[re.Pattern[str], LazyProxy], ...] = tuple(
    (re.compile(pattern), message)
    for pattern, message in (
        (r"This file is not an image we can read\.", __("not an image I can read")),
        (r"Unsupported image format (?P<format>.+)\.", __("unsupported image format {format}")),
        (r"The image is empty\.", __("the image is empty")),
        (r"The image has too many pixels to process safely\.", __("too many pixels")),
        (
            r"The image is (?P<size>\d+x\d+) pixels; the limit is (?P<limit>\d+) MP\.",
            __("the image is {size} pixels, over the {limit} MP limit"),
        ),
        (r"The JPEG file is truncated\.", __("the JPEG file is cut short")),
        (r"The JPEG file is corrupt\.", __("the JPEG file is corrupt")),
        (r"The image file is corrupt or truncated\.", __("the image file is corrupt")),
        (r"the stored file is missing", __("the stored file went missing")),
        (r"the image could not be decoded", __("the image could not be decoded")),
        (r"face analysis failed", __("face analysis failed")),
        (r"already in the event \(as (?P<source>.+)\)", __("already in the event as {source}")),
        (r"unsafe path in archive \(absolute or '\.\.'\)", __("unsafe path inside the ZIP")),
        (r"encrypted entry", __("encrypted inside the ZIP")),
        (r"file too large once unpacked", __("too large once unpacked")),
        (r"suspicious compression ratio \(ZIP bomb\)", __("suspicious compression (ZIP bomb)")),
        (r"archive too large once unpacked", __("the ZIP is too large once unpacked")),
        (r"corrupt entry in archive", __("corrupt inside the ZIP")),
        (r"archives inside archives are not opened", __("ZIPs inside ZIPs are not opened")),
        (r"The ZIP archive is corrupt or not a ZIP file\.", __("the ZIP is corrupt")),
        (
            r"The ZIP archive holds (?P<count>\d+) files; the limit is (?P<limit>\d+)\.",
            __("the ZIP holds {count} files, over the limit of {limit}"),
        ),
    )
)


def translate_reason(reason: str) -> str:
    for pattern, message in _REASONS:
        match = pattern.fullmatch(reason)
        if match:
            return str(message).format(**match.groupdict())
    return reason
