from __future__ import annotations

import pytest

from eventlens.core.errors import ShareLinkGoneError, ShareLinkNotFoundError
from eventlens.core.guests.share_links import TOKEN_LENGTH, ShareLinks, ShareSigner
from eventlens.services import Services
from tests.demo_event import joined

SECRET = b"k" * 32
DAY = 86400.0


def test_a_token_verifies_only_with_its_own_secret() -> None:
    signer = ShareSigner(SECRET)
    link_id = signer.new_id()
    token = signer.token_for(link_id)

    assert len(token) == TOKEN_LENGTH
    assert token.replace("-", "").replace("_", "").isalnum()  # URL-safe
    assert signer.verify(token) == link_id
    assert ShareSigner(b"x" * 32).verify(token) is None


def test_tampered_truncated_and_foreign_tokens_are_rejected() -> None:
    signer = ShareSigner(SECRET)
    token = signer.token_for(signer.new_id())
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    other_id = signer.new_id()
    spliced = other_id + token[len(other_id) :]

    for bad in (flipped, token[:-1], token + "A", spliced, "", "ä" * TOKEN_LENGTH):
        assert signer.verify(bad) is None


def test_ids_are_random_not_sequential() -> None:
    signer = ShareSigner(SECRET)
    assert len({signer.new_id() for _ in range(1000)}) == 1000


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        ShareSigner(b"short")


async def _link_with(services: Services) -> tuple[ShareLinks, str, str]:
    event = await services.events.create("party", "Party", services.engine.pack.name)
    await joined(services, 7, event)
    return services.share_links, event.id, event.guest_token


async def test_open_expired_revoked_and_unknown_links(services: Services) -> None:
    links, event_id, _ = await _link_with(services)
    now = 1_000_000.0
    link = await links.create(7, event_id, [], now)
    assert link.url == f"{services.settings.public_url}/a/{link.token}"

    opened = await links.open(link.token, now + 29 * DAY)
    assert opened.record.id == link.record.id
    with pytest.raises(ShareLinkGoneError) as expired:
        await links.open(link.token, now + 31 * DAY)
    assert expired.value.reason == "expired"

    assert await links.revoke(7, link.record.id, now + 1)
    with pytest.raises(ShareLinkGoneError) as revoked:
        await links.open(link.token, now + 2)
    assert revoked.value.reason == "revoked"

    unknown = ShareSigner(SECRET)
    with pytest.raises(ShareLinkNotFoundError):
        await links.open(unknown.token_for(unknown.new_id()), now)


async def test_only_the_owner_revokes_and_lists_a_link(services: Services) -> None:
    links, event_id, _ = await _link_with(services)
    link = await links.create(7, event_id, [], 100.0)

    assert not await links.revoke(8, link.record.id, 101.0)
    assert [active.token for active in await links.active(7, 101.0)] == [link.token]
    assert await links.active(8, 101.0) == []


async def test_the_secret_survives_a_restart(services: Services) -> None:
    links, event_id, _ = await _link_with(services)
    link = await links.create(7, event_id, [], 100.0)
    reopened = await Services.open(services.settings, engine=services.engine)
    try:
        assert (await reopened.share_links.open(link.token, 101.0)).record.id == link.record.id
    finally:
        await reopened.close()


async def test_each_search_refreshes_the_one_live_link_of_the_event(services: Services) -> None:
    links, event_id, _ = await _link_with(services)
    first = await links.for_album(7, event_id, [], 100.0)

    again = await links.for_album(7, event_id, [], 100.0 + DAY)

    assert again.token == first.token
    assert again.record.expires_at == 100.0 + 31 * DAY  # pushed out by the newer search
    assert len(await links.active(7, 101.0 + DAY)) == 1
    after_expiry = await links.for_album(7, event_id, [], 100.0 + 32 * DAY)
    assert after_expiry.token != first.token
    assert [link.token for link in await links.active(7, 100.0 + 32 * DAY)] == [after_expiry.token]
