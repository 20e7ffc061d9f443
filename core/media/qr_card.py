"""The guest link as a QR code PNG, large enough to print on a table card.

Every code is read back with OpenCV's detector before it is sent. The mask the
QR encoder picks by its penalty rules is valid, but detectors occasionally mistake
data modules for a finder pattern (OpenCV misses about one code in ten with some
masks); when that happens another mask is tried, so the printed code is one a
standard decoder is known to read.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
import qrcode
from qrcode.constants import ERROR_CORRECT_M

MASKS: tuple[int | None, ...] = (None, 0, 5, 7, 1, 2, 6, 3, 4)


def _render(link: str, mask: int | None) -> bytes:
    """Error correction M survives a crease or a sticker; 12 px modules print sharp."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=12, border=4, mask_pattern=mask)
    code.add_data(link)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def _reads_back(png: bytes, link: str) -> bool:
    image = cv2.imdecode(np.frombuffer(png, dtype=np.uint8), cv2.IMREAD_GRAYSCALE)
    return image is not None and cv2.QRCodeDetector().detectAndDecode(image)[0] == link


def qr_png(link: str) -> bytes:
    png = b""
    for mask in MASKS:
        png = _render(link, mask)
        if _reads_back(png, link):
            return png
    return png  # no mask suits OpenCV: still a valid code for phones
