"""Keeps the bot token out of every log line.

aiogram puts the token in request URLs (`/bot<TOKEN>/method`, `/file/bot<TOKEN>/path`),
and a failed download's exception text carries that URL into tracebacks. The
formatter replaces the token in the finished line, traceback included, so no
code path has to remember to scrub it.
"""

from __future__ import annotations

import logging

MASK = "<token>"


class RedactingFormatter(logging.Formatter):
    """Formats with `inner`, then masks `secret` wherever it appears."""

    def __init__(self, secret: str, inner: logging.Formatter | None = None) -> None:
        super().__init__()
        self._secret = secret
        self._inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        return self._inner.format(record).replace(self._secret, MASK)


def redact_token(token: str) -> None:
    """Mask the token in what every handler of the root logger writes."""
    if not token:
        return
    for handler in logging.getLogger().handlers:
        handler.setFormatter(RedactingFormatter(token, handler.formatter))
