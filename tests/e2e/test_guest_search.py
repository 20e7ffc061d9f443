"""A guest joins by link or by a photo of the poster, accepts the notice, sends a
selfie and gets exactly their photos; "not me", several faces, the share link."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from tests.conftest import jpeg
from tests.core.media.test_qr_read import poster_photo
from tests.e2e.conftest import RunningBot
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.flows import GUEST_LINK
from tests.e2e.guest_flows import (
    album_photo_ids,
    gala,
    http_get,
    joined_guest,
    selfie_album,
)
from tests.e2e.telegram_user import FakeUser

GUEST = 5005


async def test_join_by_link_consent_first_then_exactly_the_guests_photos(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
    tmp_path: Path,
) -> None:
    event = await gala(running_bot, fake_api, admin, tmp_path / "demo")
    guest = user(GUEST)

    await guest.send(event.link)
    notice = await guest.expect_message()
    assert "Gala" in notice.text and "never stored" in notice.text
    assert [b["text"] for b in notice.buttons] == ["Accept"]
    await guest.send_photo(event.selfie)  # before Accept: the notice again, no search
    again = await guest.expect_message()
    assert again.buttons and "Accept" in again.buttons[0]["text"]
    searches = await running_bot.services.db.fetch_one("SELECT COUNT(*) FROM searches")
    assert searches is not None and searches[0] == 0

    await guest.press(again, "Accept")
    await guest.expect_message(containing="Now send me a selfie")
    page = await selfie_album(guest, event.selfie)

    assert album_photo_ids(page) == event.with_guest
    assert "I found 3 photos of you in «Gala»." in page.text
    previews = [m for m in guest.messages() if m.photo_file_id and m.data.get("media_group_id")]
    assert len(previews) == len(event.with_guest)
    url = page.text.split("Share them: ", 1)[1].split()[0]
    assert url.startswith(running_bot.settings.public_url + "/a/")
    host, port = running_bot.app.gallery_address or ("", 0)
    status, html = await http_get(
        url.replace(running_bot.settings.public_url, f"http://{host}:{port}")
    )
    assert status == 200 and html.decode().count("<img") == len(event.with_guest)


async def test_join_by_a_photo_of_the_printed_qr_code(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
    t1_image: np.ndarray,
    tmp_path: Path,
) -> None:
    event = await gala(running_bot, fake_api, admin, tmp_path / "demo")
    printed = GUEST_LINK.search(event.card.card.text)  # what the card's QR code encodes
    assert printed is not None
    guest = user(GUEST, language_code="es")

    await guest.send_photo(poster_photo(printed[0], t1_image, 0.35, 1.5, 0.6))

    notice = await guest.expect_message(timeout=60)
    assert "«Gala»" in notice.text and notice.buttons[0]["text"] == "Aceptar"
    join = await running_bot.services.guests.joined(GUEST, event.event_id)
    assert join is not None and join.via == "qr" and not join.consented


async def test_not_me_removes_a_photo_and_a_group_photo_asks_which_face(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
    t1_image: np.ndarray,
    tmp_path: Path,
) -> None:
    event = await gala(running_bot, fake_api, admin, tmp_path / "demo")
    guest = user(GUEST)
    await joined_guest(guest, event)
    page = await selfie_album(guest, event.selfie)
    wrong = next(b for b in page.buttons if str(b["callback_data"]).startswith("gp:not_me:"))
    photo_id = str(wrong["callback_data"]).rsplit(":", 1)[1].split("-", 1)[0]

    answer = await guest.expect_answer(await guest.press_data(page, str(wrong["callback_data"])))

    assert answer["text"].startswith("Removed")
    # The alert comes first; the preview is deleted right after it.
    await fake_api.wait_for(
        lambda: any(m.deleted for m in guest.messages() if m.photo_file_id),
        10,
        "the rejected preview to be deleted",
    )
    await guest.send_photo(event.selfie)
    # Near-copies of the rejected face go too (here: every shot of him is a near-copy).
    later = await guest.expect_message(lambda m: not m.photo_file_id, timeout=60)
    assert photo_id not in album_photo_ids(later)

    await guest.send_photo(jpeg(t1_image))  # six people: which one?
    choice = await guest.expect_message(lambda m: m.photo_file_id is not None and bool(m.buttons))
    assert [b["text"] for b in choice.buttons] == ["1", "2", "3", "4", "5", "6"]
    await guest.press(choice, "1")
    table = await guest.expect_message(lambda m: bool(album_photo_ids(m)), timeout=60)
    assert album_photo_ids(table) == {
        event.photo_ids["guests-at-table.jpg"],
        event.photo_ids["guests-bright.jpg"],
    }


async def test_originals_and_previews_are_uploaded_once_then_sent_by_file_id(
    running_bot: RunningBot,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
    tmp_path: Path,
) -> None:
    event = await gala(running_bot, fake_api, admin, tmp_path / "demo")
    guest = user(GUEST)
    await joined_guest(guest, event)
    page = await selfie_album(guest, event.selfie)

    await guest.press(page, "⬇")
    document = await guest.expect_message(lambda m: "document" in m.data)
    await guest.press(page, "⬇")
    again = await guest.expect_message(lambda m: "document" in m.data)

    data = fake_api.files[document.data["document"]["file_id"]].data
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None and max(image.shape[:2]) > 600  # the original, not a preview
    uploads = [c for c in fake_api.calls_to("sendDocument") if c.files]
    assert len(uploads) == 1, "the second send re-uses Telegram's file id"
    assert again.data["document"]["file_id"] == document.data["document"]["file_id"]

    await selfie_album(guest, event.selfie)  # the same album again: previews by file id
    first_group, second_group = fake_api.calls_to("sendMediaGroup")[-2:]
    assert first_group.files and not second_group.files
