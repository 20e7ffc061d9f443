"""/privacy lists what is kept about the guest and until when; /forget deletes all of it."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
from numpy.typing import NDArray

from tests.bot.handlers.guest.steps import (
    GUEST,
    indexed_event,
    join,
    join_payload,
    joined,
    selfie,
)
from tests.bot.handlers.steps import event_card
from tests.bot.harness import ADMIN, BotHarness, person

NOTHING_KEPT = "I keep nothing about you."


async def test_a_stranger_is_told_nothing_is_kept(harness: BotHarness) -> None:
    assert (await harness.send(GUEST, "/privacy")).texts == [NOTHING_KEPT]
    assert (await harness.send(GUEST, "/forget")).texts == [
        "There was nothing to delete: I keep nothing about you."
    ]


async def test_privacy_before_accepting_shows_the_join_only(harness: BotHarness) -> None:
    await join(harness, join_payload(await event_card(harness)))
    today = datetime.now(UTC).strftime("%Y-%m-%d")

    (text,) = (await harness.send(GUEST, "/privacy")).texts

    assert text.splitlines() == [
        "What I keep about you right now:",
        f"• «Wedding»: joined on {today}, notice not accepted.",
        "  Searches in the last day: 0.",
        "  Kept while the event is open, then 30 days after it closes.",
        "Selfies are never stored. /forget deletes all of this.",
    ]


async def test_privacy_after_a_search_lists_consent_searches_links_and_memory(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))
    await harness.send_photo(GUEST, selfie(t1_image))
    today = datetime.now(UTC).strftime("%Y-%m-%d")

    (text,) = (await harness.send(GUEST, "/privacy")).texts

    assert text.splitlines() == [
        "What I keep about you right now:",
        f"• «Wedding»: joined on {today}, notice accepted on {today}.",
        "  Searches in the last day: 1.",
        "  Kept while the event is open, then 30 days after it closes.",
        "• Share links: 1 active, 0 expired or revoked.",
        "• Your current search, in memory only, for up to an hour.",
        "Selfies are never stored. /forget deletes all of this.",
    ]


async def test_forget_deletes_everything_and_the_guest_must_join_again(
    harness: BotHarness, t1_image: NDArray[np.uint8]
) -> None:
    await joined(harness, await indexed_event(harness, t1_image))
    await harness.send_photo(GUEST, selfie(t1_image))

    forgotten = await harness.send(GUEST, "/forget")

    assert forgotten.texts == [
        "Done: I deleted everything I kept about you (events joined, face data, «not me» "
        "marks, share links, language). To search again, join an event again."
    ]
    assert (await harness.send(GUEST, "/privacy")).texts == [NOTHING_KEPT]
    after = await harness.send_photo(GUEST, selfie(t1_image))
    assert after.texts[0].startswith("First join an event")


RETAINED = person(2002, "Gus")


async def test_privacy_shows_the_rule_while_open_and_the_date_once_closed(
    harness: BotHarness,
) -> None:
    await event_card(harness, "Wedding")
    services = harness.app.services
    (summary,) = await services.events.summaries(owner_id=ADMIN.id)
    await services.guests.join(RETAINED.id, f"ev_{summary.event.guest_token}")
    await services.guests.accept(RETAINED.id, summary.event.id)

    while_open = (await harness.send(RETAINED, "/privacy")).text
    assert "«Wedding»: joined on" in while_open
    assert "Kept while the event is open, then 30 days after it closes." in while_open

    await harness.send(ADMIN, "/retention 10")
    await harness.send(ADMIN, "/close")
    closed = await services.events.by_id(summary.event.id)
    assert closed is not None and closed.closed_at is not None
    date = datetime.fromtimestamp(closed.closed_at + 10 * 86400, UTC).strftime("%Y-%m-%d")
    assert f"Kept until {date}, then deleted." in (await harness.send(RETAINED, "/privacy")).text
