"""What photographers do before the step under test: create an event, invite, upload."""

from __future__ import annotations

import numpy as np
from aiogram.types import User

from tests.bot.harness import ADMIN, BotHarness, Replies
from tests.conftest import jpeg


async def event_card(harness: BotHarness, name: str = "Wedding", owner: User = ADMIN) -> Replies:
    """/newevent <name>, then a date: the replies carry the QR card and the invite."""
    await harness.send(owner, f"/newevent {name}")
    return await harness.send(owner, "2026-06-14")


def invite(card: Replies) -> str:
    """The /start payload of the co-photographer invite link in an event card."""
    text = next(text for text in card.texts if "Invite co-photographers" in text)
    return text.rsplit("?start=", 1)[1].split()[0]


async def joined(harness: BotHarness, user: User, card: Replies) -> None:
    """`user` follows the invite of the event in `card`."""
    await harness.send(user, f"/start {invite(card)}")


def noise_jpeg(seed: int, size: int = 64) -> bytes:
    """A small valid JPEG with no face, different for every seed."""
    pixels = np.random.default_rng(seed).integers(0, 256, (size, size, 3), dtype=np.uint8)
    return jpeg(pixels)


def guest_link(card: Replies) -> str:
    """The /start payload of the guest link in an event card."""
    text = next(text for text in card.texts if "Guests scan this QR code" in text)
    return text.split("?start=", 1)[1].split()[0]
