"""The background loops of the bot: index, unpack, report, re-cluster people. Started and
stopped together by `bot.app`."""

from __future__ import annotations

import asyncio
import logging

from aiogram import Bot
from aiogram.utils.i18n import I18n

from eventlens.bot.uploads.reporter import Reporter
from eventlens.core.ingest.pins import Pins
from eventlens.core.ingest.unpacker import Unpacker
from eventlens.core.ingest.worker import IndexingWorker
from eventlens.core.people.refresh import PeopleRefresher
from eventlens.services import Services
from eventlens.storage.batches import BatchStore

logger = logging.getLogger(__name__)


class Background:
    def __init__(
        self, bot: Bot, i18n: I18n, services: Services, batches: BatchStore, pins: Pins
    ) -> None:
        self.reporter = Reporter(bot, i18n, services, batches, pins)
        self.unpacker = Unpacker(services, batches, self.reporter.wake)
        self.people = PeopleRefresher(services)
        self.worker = IndexingWorker(services, self.reporter.wake, self.people)
        self._tasks: list[asyncio.Task[None]] = []

    def new_work(self) -> None:
        """An upload was recorded: unpack it if it is a ZIP, report it either way."""
        self.unpacker.wake()
        self.reporter.wake_now()

    def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self.worker.run(), name="indexing-worker"),
            asyncio.create_task(self.unpacker.run(), name="zip-unpacker"),
            asyncio.create_task(self.reporter.run(), name="progress-reporter"),
            asyncio.create_task(self.people.run(), name="people-refresh"),
        ]

    async def stop(self) -> None:
        """Cancel the loops, then put claimed jobs back for the next start."""
        for task in self._tasks:
            task.cancel()
        results = await asyncio.gather(*self._tasks, return_exceptions=True)
        for result in results:
            if isinstance(result, Exception):
                logger.error("background task ended with %r", result)
        self._tasks = []
        await self.worker.requeue()
