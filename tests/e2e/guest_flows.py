"""Guest-side set-up for end-to-end tests: an event with Yao Ming in some photos.

The photographer uploads the sample event of `eventlens.demo_photos` (photos with
Yao Ming and photos of other people) through the chat as files; the guest's
selfie is a separate portrait of him.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import aiohttp

from eventlens.demo_photos import build
from tests.e2e.conftest import RunningBot
from tests.e2e.fake_bot_api import ChatMessage, FakeBotAPI
from tests.e2e.flows import EventCard, create_event
from tests.e2e.telegram_user import FakeUser


@dataclass(frozen=True)
class GuestEvent:
    card: EventCard
    event_id: str
    selfie: bytes
    photo_ids: dict[str, str]  # file name -> photo id
    with_guest: frozenset[str]

    @property
    def link(self) -> str:
        return f"/start ev_{self.card.guest_token}"


async def wait_indexed(running: RunningBot, api: FakeBotAPI, event_id: str, count: int) -> None:
    async def done() -> bool:
        photos = await running.services.photos.of_event(event_id)
        return len(photos) >= count and all(photo.status == "indexed" for photo in photos)

    await api.wait_until(done, 90, f"{count} photos indexed")


async def gala(running: RunningBot, api: FakeBotAPI, admin: FakeUser, folder: Path) -> GuestEvent:
    card = await create_event(admin, "Gala")
    photos, selfie = build(folder)
    for photo in photos:
        data = (folder / "photos" / photo.name).read_bytes()
        await admin.send_document(data, photo.name, "image/jpeg")
    event = await running.services.events.by_slug("gala")
    assert event is not None
    await wait_indexed(running, api, event.id, len(photos))
    ids = {p.source: p.id for p in await running.services.photos.of_event(event.id)}
    with_guest = frozenset(ids[photo.name] for photo in photos if photo.has_guest)
    return GuestEvent(card, event.id, selfie.read_bytes(), ids, with_guest)


async def joined_guest(guest: FakeUser, event: GuestEvent) -> None:
    """/start ev_..., then Accept under the privacy notice."""
    await guest.send(event.link)
    notice = await guest.expect_message(lambda m: bool(m.buttons))
    await guest.press(notice, "Accept")
    await guest.expect_message(lambda m: "selfie" in m.text.lower() or "селфи" in m.text.lower())


def album_photo_ids(control: ChatMessage) -> set[str]:
    """Photo ids behind the ⬇/✖ buttons of an album page."""
    return {
        str(button["callback_data"]).rsplit(":", 1)[1].split("-", 1)[0]
        for button in control.buttons
        if str(button["callback_data"]).startswith("gp:original:")
    }


async def selfie_album(guest: FakeUser, selfie: bytes) -> ChatMessage:
    """Send a selfie; return the album's closing message (photo buttons, or for an album of
    several groups the list of groups)."""
    await guest.send_photo(selfie)
    return await guest.expect_message(
        lambda m: any(
            str(b.get("callback_data", "")).startswith(("gp:", "gg:")) for b in m.buttons
        ),
        timeout=60,
    )


async def http_get(url: str) -> tuple[int, bytes]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.read()
