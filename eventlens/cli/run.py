"""`eventlens run`: the Telegram bot, until SIGTERM or Ctrl-C.

Long polling unless EVENTLENS_WEBHOOK_URL is set; the FTP server for cameras runs
alongside when EVENTLENS_FTP_PORT is set. `--no-worker` leaves indexing to
`eventlens worker` processes, which needs Chroma servers: the embedded store is
one process's alone. SIGTERM and SIGINT both stop it
cleanly: handlers in progress finish, jobs being indexed are requeued, and the
next start resumes them.
"""

from __future__ import annotations

import asyncio
import signal

from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError
from redis.exceptions import ConnectionError as RedisConnectionError

from eventlens.bot.app import build, require_token, serve
from eventlens.bot.redaction import redact_token
from eventlens.cli.output import CliError
from eventlens.ftp.server import CameraFtpServer
from eventlens.services import Services
from eventlens.settings import Settings


async def run(settings: Settings, worker: bool = True) -> int:
    redact_token(require_token(settings))  # fail before loading a model
    if not worker and not settings.chroma_urls:
        raise CliError(
            "--no-worker needs Chroma servers (EVENTLENS_CHROMA_URL): no worker can open "
            "the embedded store while the bot holds it."
        )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    services = await Services.open(settings, indexes=worker)
    ftp: CameraFtpServer | None = None
    try:
        try:
            app = await build(settings, services, worker=worker)
        except TelegramUnauthorizedError as error:
            raise CliError(
                "Telegram refused EVENTLENS_BOT_TOKEN: check the token @BotFather gave you."
            ) from error
        except TelegramNetworkError as error:
            raise CliError(f"Cannot reach the Telegram Bot API: {error.message}") from error
        except RedisConnectionError as error:
            raise CliError(f"Cannot reach Redis at EVENTLENS_REDIS_URL: {error}") from error
        if settings.ftp_port is not None:
            ftp = CameraFtpServer(settings, services.camera, loop)
            await asyncio.to_thread(ftp.start)
        await serve(app, stop)
    finally:
        if ftp is not None:
            await asyncio.to_thread(ftp.stop)
        await services.close()
    return 0
