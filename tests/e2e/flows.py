"""Multi-step conversations that many end-to-end tests start with."""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np

from tests.e2e.fake_bot_api import ChatMessage, FakeBotAPI
from tests.e2e.telegram_user import FakeUser

GUEST_LINK = re.compile(r"https://t\.me/(?P<bot>\w+)\?start=ev_(?P<token>[\w-]+)")
INVITE_LINK = re.compile(r"https://t\.me/(?P<bot>\w+)\?start=ph_(?P<token>[\w-]+)")


@dataclass(frozen=True)
class EventCard:
    card: ChatMessage
    invite: ChatMessage | None
    guest_token: str
    invite_token: str | None


def decode_qr(api: FakeBotAPI, message: ChatMessage) -> str:
    """The text of the QR code in a photo the bot sent, read with OpenCV."""
    assert message.photo_file_id is not None, "the message has no photo"
    data = api.files[message.photo_file_id].data
    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    assert image is not None, "the photo is not a PNG/JPEG OpenCV can read"
    text, _points, _straight = cv2.QRCodeDetector().detectAndDecode(image)
    return str(text)


async def read_card(user: FakeUser, owner: bool = True) -> EventCard:
    card = await user.expect_message(lambda m: m.photo_file_id is not None)
    guest = GUEST_LINK.search(card.text)
    assert guest is not None, card.text
    invite_message, invite_token = None, None
    if owner:
        invite_message = await user.expect_message(lambda m: "start=ph_" in m.text)
        invite = INVITE_LINK.search(invite_message.text)
        assert invite is not None
        invite_token = invite["token"]
    return EventCard(card, invite_message, guest["token"], invite_token)


async def create_event(owner: FakeUser, name: str, date: str | None = None) -> EventCard:
    """/newevent NAME, then a date or the «No date» button; returns the event card."""
    await owner.send(f"/newevent {name}")
    question = await owner.expect_message(lambda m: bool(m.buttons))
    if date is None:
        await owner.press(question, "No date")
    else:
        await owner.send(date)
    return await read_card(owner)
