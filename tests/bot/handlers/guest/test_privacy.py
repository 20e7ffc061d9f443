"""/privacy tells the guest until when each event keeps their data."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.bot.handlers.steps import event_card
from tests.bot.harness import ADMIN, BotHarness, person

GUEST = person(2002, "Gus")


async def test_privacy_shows_the_rule_while_open_and_the_date_once_closed(
    harness: BotHarness,
) -> None:
    await event_card(harness, "Wedding")
    services = harness.app.services
    (summary,) = await services.events.summaries(owner_id=ADMIN.id)
    await services.guests.join(GUEST.id, f"ev_{summary.event.guest_token}")
    await services.guests.accept(GUEST.id, summary.event.id)

    while_open = (await harness.send(GUEST, "/privacy")).text
    assert "«Wedding»: joined on" in while_open
    assert "Kept while the event is open, then 30 days after it closes." in while_open

    await harness.send(ADMIN, "/retention 10")
    await harness.send(ADMIN, "/close")
    closed = await services.events.by_id(summary.event.id)
    assert closed is not None and closed.closed_at is not None
    date = datetime.fromtimestamp(closed.closed_at + 10 * 86400, UTC).strftime("%Y-%m-%d")
    assert f"Kept until {date}, then deleted." in (await harness.send(GUEST, "/privacy")).text
