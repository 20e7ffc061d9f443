"""What happens before a guest's step under test: an indexed event, joining, accepting.

The event is built the way a photographer builds it (/newevent, then photos sent to
the chat) from insightface's group photo `t1.jpg` and its mirror image, so every
guest face in it appears in two photos; the selfie is one person cut out of it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import cv2
import numpy as np
from aiogram.types import User
from numpy.typing import NDArray

from eventlens.core.faces.engine import FaceEngine
from eventlens.services import Services
from tests.bot.handlers.steps import event_card
from tests.bot.harness import (
    ADMIN,
    BotHarness,
    Replies,
    harness_settings,
    last_with_buttons,
    person,
)
from tests.conftest import jpeg

GUEST = person(7007, "Gil")
ACCEPT = "Accept"
JOIN_LINK = re.compile(r"\?start=(ev_[\w-]+)")


def join_payload(card: Replies) -> str:
    """The `ev_<token>` payload of the guest link in the photographer's event card."""
    found = JOIN_LINK.search(card.text)
    assert found is not None, f"no guest link in {card.texts}"
    return found.group(1)


def selfie(t1_image: NDArray[np.uint8]) -> bytes:
    """One of the six guests of `t1.jpg`, cut out as a selfie."""
    return jpeg(t1_image[200:480, 680:920])


async def indexed_event(harness: BotHarness, t1_image: NDArray[np.uint8]) -> str:
    """An event whose two photos (t1.jpg and its mirror) are indexed; its join payload."""
    card = await event_card(harness)
    for image in (t1_image, cv2.flip(t1_image, 1)):
        assert (await harness.send_photo(ADMIN, jpeg(np.asarray(image)))).texts == []
    await harness.app.services.indexer.work(lambda: True)
    return join_payload(card)


async def join(harness: BotHarness, payload: str, guest: User = GUEST) -> Replies:
    """The guest opens the event's link: the reply is the privacy notice."""
    return await harness.send(guest, f"/start {payload}")


async def accept(harness: BotHarness, notice: Replies, guest: User = GUEST) -> Replies:
    """The guest taps the button under the privacy notice (Accept, in their language)."""
    ((_, button),) = notice.buttons()
    assert button is not None
    return await harness.press(guest, button, last_with_buttons(notice))


async def joined(harness: BotHarness, payload: str, guest: User = GUEST) -> Replies:
    """The guest joined through the link and accepted the notice."""
    return await accept(harness, await join(harness, payload, guest), guest)


def said(harness: BotHarness, locale: str, render: Callable[[], str]) -> str:
    """What `render` (a `bot.guest.texts` function) says in `locale`, from the real catalogs."""
    with harness.app.i18n.context(), harness.app.i18n.use_locale(locale):
        return render()


@contextlib.asynccontextmanager
async def harness_with(home: Path, engine: FaceEngine, **limits: int) -> AsyncIterator[BotHarness]:
    """Like the `harness` fixture, with some guest limits of the settings changed."""
    settings = harness_settings(home).model_copy(update=limits)
    services = await Services.open(settings, engine=engine)
    try:
        yield await BotHarness.open(settings, services)
    finally:
        await services.close()
