from __future__ import annotations

import cv2
import numpy as np
import pytest
import qrcode
from numpy.typing import NDArray

from eventlens.core.media.qr_read import find_join_payload, join_payload
from tests.conftest import jpeg

LINK = "https://t.me/eventlens_bot?start=ev_Q2hhbmdlTWVQbGVhc2UxMjM"


def poster_photo(
    text: str, background: NDArray[np.uint8], skew: float, blur: float, scale: float
) -> bytes:
    """A printed A4 poster with the QR code, photographed at an angle, in a 12-MP photo."""
    code = qrcode.QRCode(border=4, box_size=10)
    code.add_data(text)
    code.make()
    rgb = np.asarray(code.make_image().convert("RGB"), dtype=np.uint8)
    sheet = np.full((1400, 1000, 3), 245, dtype=np.uint8)
    sheet[350:1050, 150:850] = cv2.resize(rgb, (700, 700), interpolation=cv2.INTER_NEAREST)
    cv2.putText(sheet, "Find your photos!", (120, 200), cv2.FONT_HERSHEY_SIMPLEX, 2.2, (30,) * 3, 5)
    photo = cv2.resize(background, (4000, 3000))
    corners = np.float32([[0, 0], [1000, 0], [1000, 1400], [0, 1400]])
    lean = 800 * skew
    target = np.float32(
        [[1200, 600], [2500, 600 + lean], [2450, 2500 - lean], [1250, 2600]]
    ) * np.float32(scale)
    warp = cv2.getPerspectiveTransform(corners, target)
    warped = cv2.warpPerspective(sheet, warp, (4000, 3000))
    mask = cv2.warpPerspective(np.full((1400, 1000), 255, np.uint8), warp, (4000, 3000)) > 0
    photo[mask] = warped[mask]
    if blur:
        photo = cv2.GaussianBlur(photo, (0, 0), blur)
    noise = np.random.default_rng(0).normal(0, 6, photo.shape)
    return jpeg(np.clip(photo + noise, 0, 255).astype(np.uint8), quality=85)


@pytest.mark.parametrize(
    ("skew", "blur", "scale"),
    [(0.0, 0.0, 1.0), (0.3, 2.0, 0.5), (0.6, 2.0, 1.0), (0.6, 4.0, 0.5), (0.3, 2.0, 0.3)],
    ids=["straight", "angled-far", "steep", "steep-blurred-far", "small-in-frame"],
)
def test_a_photographed_poster_yields_the_join_payload(
    t1_image: NDArray[np.uint8], skew: float, blur: float, scale: float
) -> None:
    photo = poster_photo(LINK, t1_image, skew, blur, scale)
    assert find_join_payload(photo) == "ev_Q2hhbmdlTWVQbGVhc2UxMjM"


def test_a_photo_without_a_code_or_with_another_code_yields_nothing(
    t1_image: NDArray[np.uint8],
) -> None:
    assert find_join_payload(jpeg(t1_image)) is None
    assert find_join_payload(poster_photo("https://example.org/menu", t1_image, 0.2, 0, 1)) is None
    assert find_join_payload(b"not an image") is None


def test_join_payload_reads_deep_links_only() -> None:
    assert join_payload(LINK) == "ev_Q2hhbmdlTWVQbGVhc2UxMjM"
    assert join_payload("ev_abc") == "ev_abc"
    assert join_payload("https://t.me/eventlens_bot?start=ph_invite") is None
    assert join_payload("https://t.me/eventlens_bot?start=ev_") is None
    assert join_payload("javascript:alert(1)?start=ev_x") is None
