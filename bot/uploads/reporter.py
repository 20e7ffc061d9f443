"""Keeps each open batch's progress message current, then turns it into the summary.

Everything shown is read from SQLite (jobs, skips, archives), so a restarted bot
picks up the same message and finishes it correctly. The message is sent as soon
as a batch holds something (the upload's acknowledgement), edited at most every
`Throttle` interval per chat, and replaced by the summary once nothing in the
batch is pending and no handler is still adding to it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.types import ReplyParameters
from aiogram.utils.i18n import I18n

from eventlens.bot.uploads.render import Snapshot, progress_text, summary_text
from eventlens.bot.uploads.throttle import Throttle
from eventlens.core.ingest.batches import BatchState, UploadBatches
from eventlens.core.records import Batch

logger = logging.getLogger(__name__)

TICK_SECONDS = 1.0
MIN_PASS_SECONDS = 0.3


@dataclass
class _Seen:
    """What this process has shown for a batch, and its own processing rate."""

    started: float
    processed_at_start: int
    text: str = ""


class Reporter:
    def __init__(
        self,
        bot: Bot,
        i18n: I18n,
        batches: UploadBatches,
        throttle: Throttle | None = None,
    ) -> None:
        self._bot = bot
        self._i18n = i18n
        self._batches = batches
        self._throttle = throttle or Throttle()
        self._seen: dict[str, _Seen] = {}
        self._wake = asyncio.Event()
        self._urgent = asyncio.Event()

    def wake(self) -> None:
        """Something changed (a photo indexed): report within the next pass."""
        self._wake.set()

    def wake_now(self) -> None:
        """A new upload was recorded: acknowledge it without waiting out the pacing."""
        self._wake.set()
        self._urgent.set()

    async def run(self) -> None:
        while True:
            self._wake.clear()
            self._urgent.clear()
            try:
                await self.report_all()
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("progress report failed")
            # Woken by each indexed photo, but a pass per photo would only re-read
            # counts: at most one pass per MIN_PASS_SECONDS, at least one per tick.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._urgent.wait(), MIN_PASS_SECONDS)
            self._urgent.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), TICK_SECONDS - MIN_PASS_SECONDS)

    async def report_all(self) -> None:
        batches = await self._batches.open()
        for gone in self._seen.keys() - {batch.id for batch in batches}:
            del self._seen[gone]  # finished elsewhere, or its event was deleted
        for batch in batches:  # one chat's failure must not hold up any other's
            try:
                await self._report(batch)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("progress for batch %s failed", batch.id)

    async def _report(self, batch: Batch) -> None:
        if batch.message_id is not None and not self._throttle.ready(batch.chat_id):
            return
        state = await self._batches.state(batch)
        if batch.message_id is None and state.total == 0 and not state.unpacking:
            if state.finished:  # nothing new in it (duplicates were answered directly)
                await self._batches.close(batch, state)
            return
        seen = self._seen.setdefault(batch.id, _Seen(time.monotonic(), state.processed))
        snapshot = self._snapshot(batch, state, seen)
        with self._i18n.context(), self._i18n.use_locale(batch.locale):
            if state.finished:
                text = summary_text(snapshot, await self._batches.skips(batch.id))
            else:
                text = progress_text(snapshot)
        if batch.message_id is not None and text == seen.text:
            return
        if not await self._show(batch, text):
            return
        seen.text = text
        if state.finished and await self._batches.close(batch, state):
            self._seen.pop(batch.id, None)

    @staticmethod
    def _snapshot(batch: Batch, state: BatchState, seen: _Seen) -> Snapshot:
        rate = None
        elapsed = time.monotonic() - seen.started
        if elapsed >= 1.0 and state.processed > seen.processed_at_start:
            rate = (state.processed - seen.processed_at_start) / elapsed
        return Snapshot(
            event_name=state.event_name,
            total=state.total,
            processed=state.processed,
            indexed=state.indexed,
            faces=state.faces,
            skipped=state.skipped,
            elapsed=time.time() - batch.created_at,
            rate=rate,
            unpacking=state.unpacking,
        )

    async def _show(self, batch: Batch, text: str) -> bool:
        """Send or edit the batch's message; True once Telegram shows `text`."""
        try:
            if batch.message_id is None:
                await self._send(batch, text)
            else:
                await self._edit(batch, text)
        except TelegramRetryAfter as error:
            self._throttle.back_off(batch.chat_id, error.retry_after)
            return False
        except TelegramForbiddenError:
            logger.info("chat %d blocked the bot; batch %s closes unseen", batch.chat_id, batch.id)
        except TelegramBadRequest as error:  # chat gone, no rights: retrying cannot help
            logger.warning("batch %s closes unseen: %s", batch.id, error.message)
        except TelegramNetworkError as error:
            logger.warning("progress message for batch %s not sent: %s", batch.id, error)
            return False
        self._throttle.sent(batch.chat_id)
        return True

    async def _edit(self, batch: Batch, text: str) -> None:
        assert batch.message_id is not None
        try:
            await self._bot.edit_message_text(
                text=text, chat_id=batch.chat_id, message_id=batch.message_id
            )
        except TelegramBadRequest as error:
            if "not modified" in error.message:
                return
            if "not found" in error.message or "can't be edited" in error.message:
                await self._send(batch, text)  # the user deleted it: start a new one
                return
            raise

    async def _send(self, batch: Batch, text: str) -> None:
        reply = (
            ReplyParameters(message_id=batch.reply_to, allow_sending_without_reply=True)
            if batch.reply_to
            else None
        )
        message = await self._bot.send_message(
            chat_id=batch.chat_id, text=text, reply_parameters=reply
        )
        await self._batches.set_message(batch.id, message.message_id)
