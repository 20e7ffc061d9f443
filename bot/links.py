"""Deep links into the bot: `ev_<guest token>` for guests, `ph_<invite token>` for
co-photographers. Tokens are 128 random bits, so a link is the only way in."""

from __future__ import annotations

from dataclasses import dataclass

GUEST_PREFIX = "ev_"
INVITE_PREFIX = "ph_"


@dataclass(frozen=True)
class Links:
    bot_username: str

    def guest(self, guest_token: str) -> str:
        return self._start(GUEST_PREFIX + guest_token)

    def invite(self, invite_token: str) -> str:
        return self._start(INVITE_PREFIX + invite_token)

    def _start(self, payload: str) -> str:
        return f"https://t.me/{self.bot_username}?start={payload}"
