"""`eventlens worker`: the background loops without the bot, until SIGTERM or Ctrl-C.

Indexes queued photos (matching each against the event's followers, so the bot's
live updates find the pushes in the database), unpacks stored ZIPs, re-clusters
people and purges expired guest data: everything `eventlens run` does besides
talking to Telegram. One worker per data directory; with Chroma servers
(EVENTLENS_CHROMA_URL) the bot (`eventlens run --no-worker`) and the CLI share the
directory with it, and workers on other machines share the database. SIGTERM stops
it cleanly: photos being indexed go back to the queue for the next start.
"""

from __future__ import annotations

import asyncio
import logging
import signal

from eventlens.services import Services
from eventlens.settings import Settings

logger = logging.getLogger(__name__)


async def run(settings: Settings) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    services = await Services.open(settings)
    try:
        await services.loops.start()
        logger.info("worker ready on %s (model %s)", settings.home, services.engine.pack.name)
        await stop.wait()
    finally:
        await services.loops.stop()
        await services.close()
    logger.info("worker stopped")
    return 0
