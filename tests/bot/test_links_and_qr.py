from __future__ import annotations

import cv2
import numpy as np

from eventlens.bot.links import Links
from eventlens.core.media.qr_card import qr_png
from eventlens.storage.events import new_token


def test_every_qr_code_decodes_to_its_guest_link() -> None:
    """Random tokens: with the encoder's own mask choice OpenCV misses ~1 in 10."""
    for _ in range(30):
        link = Links("eventlens_bot").guest(new_token())
        assert link.startswith("https://t.me/eventlens_bot?start=ev_")
        image = cv2.imdecode(np.frombuffer(qr_png(link), dtype=np.uint8), cv2.IMREAD_COLOR)
        assert cv2.QRCodeDetector().detectAndDecode(image)[0] == link


def test_invite_links_are_distinct_from_guest_links() -> None:
    links = Links("eventlens_bot")
    assert links.invite("abc") == "https://t.me/eventlens_bot?start=ph_abc" != links.guest("abc")
