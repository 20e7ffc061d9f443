"""A bot restarted with another model pack neither indexes into nor searches an event built
with the old one, and says so in the user's language."""

from __future__ import annotations

from pathlib import Path

from tests.bot.handlers.steps import event_card, noise_jpeg
from tests.bot.harness import ADMIN, BotHarness, person

OLD_PACK = "buffalo_l"  # what the event was built with before the restart
GUEST = person(7007, "Gil")


async def _built_with_old_pack(harness: BotHarness) -> str:
    await event_card(harness)
    services = harness.app.services
    async with services.db.transaction() as connection:
        await connection.execute("UPDATE events SET model_pack = ?", (OLD_PACK,))
    (summary,) = await services.events.summaries()
    return summary.event.guest_token


async def test_uploads_to_an_old_pack_event_are_refused(harness: BotHarness) -> None:
    await _built_with_old_pack(harness)

    replies = await harness.send_photo(ADMIN, noise_jpeg(1))

    (text,) = replies.texts
    assert "was indexed with the face model pack buffalo_l" in text
    assert "EVENTLENS_MODEL_PACK=buffalo_l" in text
    assert await harness.app.services.jobs.pending() == 0, "nothing stored for indexing"


async def test_a_guest_of_an_old_pack_event_gets_the_refusal_not_an_album(
    harness: BotHarness, t1_path: Path
) -> None:
    token = await _built_with_old_pack(harness)
    guests = harness.app.services.guests
    await guests.join(GUEST.id, f"ev_{token}")
    event = await guests.current_event(GUEST.id)
    assert event is not None
    await guests.accept(GUEST.id, event.id)

    replies = await harness.send_photo(GUEST, t1_path.read_bytes())

    assert any("was indexed with the face model pack buffalo_l" in text for text in replies.texts)
    assert not any("photo" in text.lower() and "found" in text.lower() for text in replies.texts)
