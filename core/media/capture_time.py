"""When a photo was taken, from its EXIF: what bursts are grouped by (core/culling/bursts.py).

DateTimeOriginal (with its sub-seconds) is the shutter time; DateTime, the last
edit, stands in when it is missing. Camera clocks carry no time zone, so the
value is a naive clock read as UTC: only differences between photos are used.
"""

from __future__ import annotations

import calendar
import io
import time

from PIL import Image

_EXIF_IFD = 0x8769
_DATE_TIME = 0x0132
_DATE_TIME_ORIGINAL = 0x9003
_SUBSEC_ORIGINAL = 0x9291


def capture_time(data: bytes) -> float | None:
    """Seconds since the epoch of the camera's clock reading, or None without a usable date."""
    try:
        exif = Image.open(io.BytesIO(data)).getexif()
        details = exif.get_ifd(_EXIF_IFD)
    except Exception:  # malformed EXIF costs the date, never the photo
        return None
    stamp = details.get(_DATE_TIME_ORIGINAL) or exif.get(_DATE_TIME)
    if not isinstance(stamp, str):
        return None
    try:
        seconds = float(calendar.timegm(time.strptime(stamp.strip()[:19], "%Y:%m:%d %H:%M:%S")))
    except ValueError:
        return None
    fraction = str(details.get(_SUBSEC_ORIGINAL) or "").strip()
    if stamp is details.get(_DATE_TIME_ORIGINAL) and fraction.isdigit():
        seconds += float(f"0.{fraction}")
    return seconds
