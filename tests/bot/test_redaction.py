"""The bot token never reaches a log line, tracebacks included."""

from __future__ import annotations

import io
import logging

from eventlens.bot.redaction import RedactingFormatter

TOKEN = "123456:AAE-secret-part"


def test_the_token_is_masked_in_messages_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter(TOKEN, logging.Formatter("%(levelname)s %(message)s")))
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    try:
        logger.warning("GET /file/bot%s/photos/1.jpg failed", TOKEN)
        try:
            raise OSError(f"cannot open https://api.telegram.org/file/bot{TOKEN}/x.jpg")
        except OSError:
            logger.exception("download failed")
    finally:
        logger.removeHandler(handler)

    written = stream.getvalue()
    assert TOKEN not in written
    assert "WARNING GET /file/bot<token>/photos/1.jpg failed" in written
    assert "OSError: cannot open https://api.telegram.org/file/bot<token>/x.jpg" in written
