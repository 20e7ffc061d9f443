"""Share links: unguessable, signed, expiring and revocable album URLs.

A token is a random 128-bit id followed by an HMAC-SHA256 of that id under the
installation's secret (truncated to 128 bits), both URL-safe base64. Forged or
mangled tokens fail the constant-time check before any database lookup; only
the id is stored, so a leaked database yields no working URL. Nothing maps
event slugs or ids to tokens, and no route lists links. Each search refreshes the
guest's one live link to the event (`for_album`), so links do not pile up.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from eventlens.core.errors import ShareLinkGoneError, ShareLinkNotFoundError
from eventlens.storage.share_links import ShareLinkRecord, ShareLinkStore

ID_BYTES = 16
MAC_BYTES = 16
_ID_CHARS = 22  # base64 of 16 bytes without padding
TOKEN_LENGTH = 2 * _ID_CHARS


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class ShareSigner:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 32:
            raise ValueError("A share-link secret needs at least 32 bytes.")
        self._secret = secret

    def new_id(self) -> str:
        return _b64(secrets.token_bytes(ID_BYTES))

    def token_for(self, link_id: str) -> str:
        return link_id + self._mac(link_id)

    def verify(self, token: str) -> str | None:
        """The link id inside a genuine token, else None."""
        if len(token) != TOKEN_LENGTH or not token.isascii():
            return None
        link_id, mac = token[:_ID_CHARS], token[_ID_CHARS:]
        return link_id if hmac.compare_digest(mac, self._mac(link_id)) else None

    def _mac(self, link_id: str) -> str:
        digest = hmac.new(self._secret, link_id.encode("ascii"), hashlib.sha256).digest()
        return _b64(digest[:MAC_BYTES])


@dataclass(frozen=True)
class ShareLink:
    record: ShareLinkRecord
    token: str
    url: str


@dataclass(frozen=True)
class OpenedLink:
    record: ShareLinkRecord
    photo_ids: list[str]


class ShareLinks:
    def __init__(
        self,
        signer: ShareSigner,
        store: ShareLinkStore,
        public_url: str,
        lifetime_seconds: float,
    ) -> None:
        self._signer = signer
        self._store = store
        self._public_url = public_url.rstrip("/")
        self._lifetime = lifetime_seconds

    def _link(self, record: ShareLinkRecord) -> ShareLink:
        token = self._signer.token_for(record.id)
        return ShareLink(record, token, f"{self._public_url}/a/{token}")

    async def create(
        self, guest_id: int, event_id: str, photo_ids: Sequence[str], now: float
    ) -> ShareLink:
        record = ShareLinkRecord(
            id=self._signer.new_id(),
            guest_id=guest_id,
            event_id=event_id,
            created_at=now,
            expires_at=now + self._lifetime,
            revoked_at=None,
        )
        await self._store.add(record, photo_ids)
        return self._link(record)

    async def for_album(
        self, guest_id: int, event_id: str, photo_ids: Sequence[str], now: float
    ) -> ShareLink:
        """The guest's live link to the event, now opening `photo_ids`; new if none is live."""
        live = await self._store.live(guest_id, event_id, now)
        if live is None:
            return await self.create(guest_id, event_id, photo_ids, now)
        expires_at = now + self._lifetime
        await self._store.refresh(live.id, expires_at, photo_ids)
        return self._link(dataclasses.replace(live, expires_at=expires_at))

    async def open(self, token: str, now: float) -> OpenedLink:
        """The album behind a token; 404-type errors for forged or unknown, 410 for dead."""
        link_id = self._signer.verify(token)
        record = await self._store.get(link_id) if link_id else None
        if record is None:
            raise ShareLinkNotFoundError()
        if record.revoked_at is not None:
            raise ShareLinkGoneError("revoked")
        if record.expires_at <= now:
            raise ShareLinkGoneError("expired")
        return OpenedLink(record, await self._store.photo_ids(record.id))

    async def photo_ids(self, link_id: str) -> list[str]:
        return await self._store.photo_ids(link_id)

    async def active(self, guest_id: int, now: float) -> list[ShareLink]:
        return [self._link(record) for record in await self._store.of_guest(guest_id, now)]

    async def revoke(self, guest_id: int, link_id: str, now: float) -> bool:
        return await self._store.revoke(link_id, guest_id, now)
