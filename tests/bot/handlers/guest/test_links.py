"""/links: one message per page, each under Telegram's limit, expired links left out."""

from __future__ import annotations

import time

from aiogram.methods import EditMessageText

from tests.bot.harness import BotHarness, callback_data, last_with_buttons, person

GUEST = person(7007, "Gia")
TELEGRAM_LIMIT = 4096


async def _links(harness: BotHarness, count: int, expired: int) -> list[str]:
    """`count` live links (one per event, long names) and `expired` dead ones; live URLs."""
    services = harness.app.services
    now = time.time()
    urls = []
    for number in range(count + expired):
        event = await services.events.create(
            f"party-{number}", "Summer garden party " * 4 + str(number), services.engine.pack.name
        )
        await services.guests.join(GUEST.id, f"ev_{event.guest_token}")
        made = now - 40 * 86400 if number >= count else now
        link = await services.share_links.create(GUEST.id, event.id, [], made)
        if number < count:
            urls.append(link.url)
    return urls


async def test_many_links_are_paged_under_the_limit_and_expired_ones_are_hidden(
    harness: BotHarness,
) -> None:
    urls = await _links(harness, 25, 3)

    first = await harness.send(GUEST, "/links")
    shown = first.text
    assert all(len(text) < TELEGRAM_LIMIT for text in first.texts)
    second = await harness.press(GUEST, callback_data(first, "▶"), last_with_buttons(first))
    third = await harness.press(GUEST, callback_data(second, "▶"), last_with_buttons(first))
    pages = [first.text, second.of(EditMessageText)[0].text, third.of(EditMessageText)[0].text]

    assert "(page 1 of 3)" in shown and "(page 3 of 3)" in pages[2]
    assert all(len(page) < TELEGRAM_LIMIT for page in pages)
    listed = "\n".join(pages)
    assert all(url in listed for url in urls)
    assert listed.count("/a/") == 25  # the 3 expired links are not shown
    assert "▶" not in [text for text, _ in third.buttons()]


async def test_revoking_on_a_later_page_stays_on_that_page(harness: BotHarness) -> None:
    await _links(harness, 12, 0)
    first = await harness.send(GUEST, "/links")
    second = await harness.press(GUEST, callback_data(first, "▶"), last_with_buttons(first))

    revoked = await harness.press(
        GUEST, callback_data(second, "Revoke link 11"), last_with_buttons(first)
    )

    assert "Link revoked" in revoked.text
    assert "(page 2 of 2)" in revoked.of(EditMessageText)[0].text
    assert len(await harness.app.services.guests.links(GUEST.id)) == 11
