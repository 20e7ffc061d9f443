"""Who opened the Mini App: Telegram's signed `initData`, checked against our bot token.

Telegram hands a Mini App a query string (`initData`) signed with a key only it
and the bot know: `secret = HMAC_SHA256(key="WebAppData", msg=bot_token)` and
`hash = hex(HMAC_SHA256(key=secret, msg=data_check_string))`, where the
data-check-string is every other field as `key=value`, sorted by key, joined by
newlines. A guest is whoever `user.id` names in data that passes that check and
is younger than the age limit; nothing the page or the URL says is believed.
Data signed for another bot fails the check like a forgery does.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from urllib.parse import parse_qsl

from eventlens.core.errors import MiniAppAuthError
from eventlens.core.reasons import Code

KEY_SALT = b"WebAppData"
CLOCK_SKEW_SECONDS = 60.0  # auth_date this far in the future still counts (clock drift)


@dataclass(frozen=True)
class MiniAppUser:
    id: int
    language_code: str | None


def webapp_secret(bot_token: str) -> bytes:
    return hmac.new(KEY_SALT, bot_token.encode("utf-8"), hashlib.sha256).digest()


def sign_init_data(fields: dict[str, str], bot_token: str) -> str:
    """The `hash` Telegram puts beside `fields` (what a test or a bench needs to sign)."""
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    return hmac.new(webapp_secret(bot_token), check.encode("utf-8"), hashlib.sha256).hexdigest()


def check_init_data(init_data: str, bot_token: str, now: float, max_age: float) -> MiniAppUser:
    """The user who opened the Mini App; MiniAppAuthError if forged, foreign or too old."""
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise MiniAppAuthError() from None
    fields = dict(pairs)
    if len(fields) != len(pairs):  # a repeated key: two readings of one string
        raise MiniAppAuthError()
    claimed = fields.pop("hash", "")
    if not hmac.compare_digest(sign_init_data(fields, bot_token), claimed):
        raise MiniAppAuthError()
    try:
        auth_date = float(int(fields["auth_date"]))
        user = json.loads(fields["user"])
        user_id = user["id"]
    except (KeyError, ValueError, TypeError):
        raise MiniAppAuthError() from None
    if not isinstance(user_id, int) or isinstance(user_id, bool) or user_id <= 0:
        raise MiniAppAuthError()
    if auth_date > now + CLOCK_SKEW_SECONDS or now - auth_date > max_age:
        raise MiniAppAuthError(Code.MINI_APP_EXPIRED)
    language = user.get("language_code")
    return MiniAppUser(user_id, language if isinstance(language, str) else None)
