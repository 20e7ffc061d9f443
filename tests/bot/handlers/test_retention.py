"""/retention: the owner sets how long guest data is kept; /stats shows it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.bot.handlers.steps import event_card, joined
from tests.bot.harness import ADMIN, STRANGER, BotHarness, person

OPEN_30 = "Guest data is kept until the event closes, then 30 days (/retention)."
USAGE = (
    "Give the number of days guest data is kept after the event closes, from 1 to 365: "
    "for example /retention 30."
)


def _last_line(text: str) -> str:
    return text.split("\n")[-1]


async def test_the_owner_changes_retention_and_stats_show_the_date_once_closed(
    harness: BotHarness,
) -> None:
    await event_card(harness, "Wedding")
    assert _last_line((await harness.send(ADMIN, "/stats")).text) == OPEN_30

    changed = await harness.send(ADMIN, "/retention 7")

    assert changed.texts == [
        "«Wedding»: retention changed.\n"
        "Guest data is kept until the event closes, then 7 days (/retention)."
    ]
    await harness.send(ADMIN, "/close")
    (event,) = await harness.app.services.events.closed_events()
    assert event.closed_at is not None and event.guest_data_days == 7
    date = datetime.fromtimestamp(event.closed_at + 7 * 86400, UTC).strftime("%Y-%m-%d")
    assert _last_line((await harness.send(ADMIN, "/stats")).text) == (
        f"Guest data is kept until {date}, 7 days after closing (/retention)."
    )
    await harness.send(ADMIN, "/retention 1")
    day = datetime.fromtimestamp(event.closed_at + 86400, UTC).strftime("%Y-%m-%d")
    assert _last_line((await harness.send(ADMIN, "/stats")).text) == (
        f"Guest data is kept until {day}, 1 day after closing (/retention)."
    )


@pytest.mark.parametrize(
    "command", ["/retention", "/retention 0", "/retention 366", "/retention x"]
)
async def test_a_retention_outside_1_to_365_days_is_refused(
    harness: BotHarness, command: str
) -> None:
    await event_card(harness, "Wedding")
    assert (await harness.send(ADMIN, command)).texts == [USAGE]
    assert _last_line((await harness.send(ADMIN, "/stats")).text) == OPEN_30


async def test_only_the_owner_changes_retention(harness: BotHarness) -> None:
    await joined(harness, STRANGER, await event_card(harness, "Wedding"))
    assert (await harness.send(STRANGER, "/retention 5")).texts == [
        "Only the event's owner can do that."
    ]
    assert _last_line((await harness.send(ADMIN, "/stats")).text) == OPEN_30


async def test_the_refusal_speaks_the_owners_language(harness: BotHarness) -> None:
    await event_card(harness, "Boda", owner=ADMIN)
    spanish = person(ADMIN.id, "Ada", "es")
    (reply,) = (await harness.send(spanish, "/retention 999")).texts
    assert reply.startswith("Indica cuántos días") and "1" in reply and "365" in reply
