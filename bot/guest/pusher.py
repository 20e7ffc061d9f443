"""Live updates out of the bot: queued matches become one message per guest and event.

Wakes when indexing queues new matches (or when a held batch falls due), sends
the photos as a media group with a line in the guest's language, and marks them
sent. A guest who blocked the bot is marked sent too: the queue must not grow
forever behind one chat. Sends are paced per chat (`AlbumSender`), so several
chats are served at once rather than each waiting behind the last one's album.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramForbiddenError
from aiogram.utils.i18n import I18n

from eventlens.bot.guest import texts
from eventlens.bot.guest.album_sender import AlbumSender
from eventlens.bot.i18n import choose_locale, languages
from eventlens.core.guests.live_updates import LiveUpdates, PushBatch

logger = logging.getLogger(__name__)

# Without a wake-up, look again this often (a batch held by the interval falls due).
IDLE_SECONDS = 30.0
# When `eventlens worker` processes index, nothing in this process wakes the sender:
# it looks at the queue (one indexed query) this often instead.
POLL_SECONDS = 2.0
# Guests pushed to at once: each chat is paced on its own (an album holds it ~10 s).
CHATS_AT_ONCE = 8


class Pusher:
    def __init__(
        self,
        bot: Bot,
        i18n: I18n,
        live: LiveUpdates,
        sender: AlbumSender,
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        self._idle = idle_seconds
        self._bot = bot
        self._i18n = i18n
        self._live = live
        self._sender = sender
        self._chats = asyncio.Semaphore(CHATS_AT_ONCE)

    async def run(self) -> None:
        live = self._live
        while True:
            live.wake.clear()
            wait = self._idle
            try:
                due = await live.due(time.time())
                await asyncio.gather(*(self._paced_push(batch) for batch in due.batches))
                if due.next_in is not None:
                    wait = min(wait, max(0.5, due.next_in))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live updates failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(live.wake.wait(), wait)

    async def _paced_push(self, batch: PushBatch) -> None:
        """Chats in parallel (each waits out only its own pace), a few at a time."""
        async with self._chats:
            await self._push(batch)

    async def _push(self, batch: PushBatch) -> None:
        locale = choose_locale(batch.language, languages(self._i18n))
        try:
            with self._i18n.context(), self._i18n.use_locale(locale):
                text = texts.pushed(batch.event_name, len(batch.photo_ids), batch.waiting)
            await self._sender.send_previews(self._bot, batch.guest_id, batch.photo_ids, 1)
            await self._bot.send_message(batch.guest_id, text)
        except TelegramForbiddenError:
            logger.info("guest %d blocked the bot; dropping a live update", batch.guest_id)
        except TelegramAPIError as error:
            logger.warning("live update to %d failed: %s", batch.guest_id, error)
            return  # stays queued for the next round
        await self._live.sent(batch, time.time())
