"""Originals for Stars over the fake Bot API: a free event sends originals without an
invoice; a priced one bills one photo and then the whole album, delivers each paid
original once, GPS removed, even when the payment update comes again and the bot is
restarted between payment and delivery; an admin's refund is recorded."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from eventlens.core.faces.engine import FaceEngine
from eventlens.core.media.exif import GPS_IFD
from eventlens.demo_photos import build
from eventlens.settings import Settings
from tests.e2e.conftest import RunningBot, bot_running
from tests.e2e.fake_bot_api import ApiError, ChatMessage, FakeBotAPI
from tests.e2e.flows import create_event
from tests.e2e.guest_flows import selfie_album, wait_indexed
from tests.e2e.telegram_user import FakeUser

GUEST = 8008
PLACE = {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)}


def _with_gps(path: Path) -> bytes:
    """The photo as a camera with a GPS receiver writes it."""
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update(PLACE)
    output = io.BytesIO()
    Image.open(path).save(output, "JPEG", quality=90, exif=exif.tobytes())
    return output.getvalue()


def _has_gps(data: bytes) -> bool:
    return bool(Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD))


def _documents(guest: FakeUser) -> list[ChatMessage]:
    return [m for m in guest.messages() if "document" in m.data]


async def _documents_reach(api: FakeBotAPI, guest: FakeUser, count: int) -> list[ChatMessage]:
    await api.wait_for(lambda: len(_documents(guest)) >= count, 60, f"{count} documents")
    await asyncio.sleep(1.0)  # anything sent twice would arrive by now
    documents = _documents(guest)
    assert len(documents) == count, [d.data["document"].get("file_name") for d in documents]
    return documents


async def test_a_guest_buys_a_photo_and_the_album_and_gets_each_clean_original_once(
    bot_settings: Settings,
    engine: FaceEngine,
    fake_api: FakeBotAPI,
    admin: FakeUser,
    user: Callable[..., FakeUser],
    tmp_path: Path,
) -> None:
    photos, selfie_path = build(tmp_path / "demo")
    with_guest = [photo for photo in photos if photo.has_guest]
    selfie = selfie_path.read_bytes()
    guest = user(GUEST)
    async with bot_running(bot_settings, engine) as running:
        card = await create_event(admin, "Gala")
        for photo in with_guest:
            data = _with_gps(tmp_path / "demo" / "photos" / photo.name)
            await admin.send_document(data, photo.name, "image/jpeg")
        event = await running.services.events.by_slug("gala")
        assert event is not None
        await wait_indexed(running, fake_api, event.id, len(with_guest))
        await guest.send(f"/start ev_{card.guest_token}")
        await guest.press(await guest.expect_message(lambda m: bool(m.buttons)), "Accept")
        await guest.expect_message(containing="selfie")

        # Free: ⬇ sends the original, no invoice.
        free = await selfie_album(guest, selfie)
        assert not any("Buy all" in b["text"] for b in free.buttons)
        await guest.press(free, "⬇ 1")
        (original,) = await _documents_reach(fake_api, guest, 1)
        assert not fake_api.calls_to("sendInvoice")

        # Priced: ⬇ bills one photo; the payment delivers it once, however often it comes.
        await admin.send("/price 25 200")
        await admin.expect_message(containing="25 ⭐ a photo")
        priced = await selfie_album(guest, selfie)
        buy_all = next(b["text"] for b in priced.buttons if "Buy all" in b["text"])
        assert buy_all == f"Buy all {len(with_guest)} originals: 200 ⭐"
        await guest.press(priced, "⬇ 2")
        invoice = await guest.expect_message(lambda m: "invoice" in m.data)
        assert invoice.data["invoice"]["total_amount"] == 25
        photo_charge = await guest.pay(invoice)
        await _documents_reach(fake_api, guest, 2)
        await guest.payment_message(photo_charge)
        await _documents_reach(fake_api, guest, 2)

        # The whole album: paid; its first original goes out, the second send fails, the
        # bot stops.
        await guest.press(priced, "Buy all")
        album_invoice = await guest.expect_message(lambda m: "invoice" in m.data)
        assert album_invoice.data["invoice"]["total_amount"] == 200
        fake_api.fail_next("sendDocument", ApiError(502, "Bad Gateway"), after=1)
        album_charge = await guest.pay(album_invoice)
        await fake_api.wait_until(
            lambda: _recorded(running, album_charge.charge_id), 30, "the payment recorded"
        )
        await fake_api.wait_for(lambda: len(fake_api.calls_to("sendDocument")) >= 4, 30)
        assert len(_documents(guest)) == 3, "one original of the album went out"

    # Restarted, the bot delivers what the ledger says is paid and undelivered.
    async with bot_running(bot_settings, engine) as restarted:
        documents = await _documents_reach(fake_api, guest, 2 + len(with_guest))
        await guest.payment_message(album_charge)
        await guest.payment_message(photo_charge)
        documents = await _documents_reach(fake_api, guest, 2 + len(with_guest))
        for document in documents:
            assert not _has_gps(fake_api.files[document.data["document"]["file_id"]].data)
        assert original.data["document"]["file_id"] in fake_api.files

        await admin.send(f"/refund {photo_charge.charge_id}")
        await admin.expect_message(containing="Refunded 25 ⭐")
        assert fake_api.payments.refunded == [photo_charge.charge_id]
        payment = await restarted.services.ledger.payment(photo_charge.charge_id)
        assert payment is not None and payment.refunded_at is not None
        board = await restarted.services.dashboard.of_event(event)
        assert board.sales is not None
        assert (board.sales.sales, board.sales.stars, board.sales.refunds) == (2, 225, 1)


async def _recorded(running: RunningBot, charge_id: str) -> bool:
    return await running.services.ledger.payment(charge_id) is not None
