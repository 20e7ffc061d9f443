"""`eventlens ftp`: the FTP server for cameras without the bot, until SIGTERM or Ctrl-C.

Files are stored, deduplicated and indexed as under `eventlens run`; their progress
messages and guests' live updates wait in the database for the bot's next start.
"""

from __future__ import annotations

import asyncio
import signal

from eventlens.cli.output import CliError
from eventlens.ftp.server import CameraFtpServer
from eventlens.services import Services
from eventlens.settings import Settings


async def run(settings: Settings) -> int:
    if settings.ftp_port is None:
        raise CliError("Set EVENTLENS_FTP_PORT (e.g. 2121) to choose the FTP port.")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    services = await Services.open(settings)
    server = CameraFtpServer(settings, services.camera, loop)
    try:
        await services.loops.start()
        host, port = await asyncio.to_thread(server.start)
        print(f"FTP for cameras on {host}:{port}; Ctrl-C stops it.", flush=True)
        await stop.wait()
    finally:
        await asyncio.to_thread(server.stop)
        await services.loops.stop()
        await services.close()
    return 0
