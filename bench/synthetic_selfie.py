"""Selfies as guests really send them: sharp, blurred (moving hand, dim room) or turned.

`bench/accuracy.py --hard` gives each guest one selfie, cycling through the kinds
below, because the selfie is the weakest link of a search: a blurred or turned
selfie is where one guest gets a tenth of their photos as `sure`.
"""

from __future__ import annotations

import random
from typing import Literal

import cv2
import numpy as np
from numpy.typing import NDArray

Kind = Literal["sharp", "blurred", "turned"]
KINDS: tuple[Kind, ...] = ("sharp", "blurred", "turned")
SELFIE_SIDE = 480  # the longer side the selfie is scaled to first, like a chat photo


def degrade(pixels: NDArray[np.uint8], kind: Kind, rng: random.Random) -> NDArray[np.uint8]:
    """The selfie as `kind`: blurred is out of focus and shaken, turned is yawed and tilted."""
    scale = SELFIE_SIDE / max(pixels.shape[:2])
    image = np.asarray(cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
    height, width = image.shape[:2]
    if kind == "blurred":
        sigma = rng.uniform(2.5, 4.0)
        image = np.asarray(cv2.GaussianBlur(image, (0, 0), sigma))
        length = rng.randint(7, 13)
        kernel = np.zeros((length, length), dtype=np.float32)
        kernel[length // 2, :] = 1.0 / length  # horizontal shake
        image = np.asarray(cv2.filter2D(image, -1, kernel))
    elif kind == "turned":
        # a yawed head seen by a phone: one side squeezed (perspective), then tilted
        squeeze = rng.uniform(0.25, 0.35) * width
        near = rng.random() < 0.5
        top = squeeze if near else 0.0
        source = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
        target = np.array(
            [
                [0, top / 2],
                [width - (squeeze - top), (squeeze - top) / 2],
                [width - (squeeze - top), height - (squeeze - top) / 2],
                [0, height - top / 2],
            ],
            np.float32,
        )
        matrix = cv2.getPerspectiveTransform(source, target)
        image = np.asarray(
            cv2.warpPerspective(image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE)
        )
        rotation = cv2.getRotationMatrix2D((width / 2, height / 2), rng.uniform(20, 35), 1.0)
        image = np.asarray(
            cv2.warpAffine(image, rotation, (width, height), borderMode=cv2.BORDER_REPLICATE)
        )
    return np.asarray(image, dtype=np.uint8)


def selfie_jpeg(pixels: NDArray[np.uint8], kind: Kind, rng: random.Random) -> bytes:
    ok, buffer = cv2.imencode(".jpg", degrade(pixels, kind, rng), [cv2.IMWRITE_JPEG_QUALITY, 80])
    assert ok
    return bytes(buffer)
