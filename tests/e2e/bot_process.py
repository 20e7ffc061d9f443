"""`python -m eventlens run` as a child process against the fake Bot API.

For what only a real process shows: SIGKILL in the middle of indexing, SIGTERM's
clean shutdown, the CLI's own start-up. Output goes to a log file that a failing
test prints.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Iterable
from pathlib import Path

from tests.e2e.fake_bot_api import FakeBotAPI

ROOT = Path(__file__).resolve().parents[2]


class BotProcess:
    def __init__(
        self,
        api: FakeBotAPI,
        home: Path,
        admin_ids: Iterable[int],
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.api = api
        self.home = home
        self.log = home.parent / "bot.log"
        self.env = {
            **os.environ,
            "EVENTLENS_HOME": str(home),
            "EVENTLENS_BOT_TOKEN": api.token,
            "EVENTLENS_TELEGRAM_API_URL": api.url,
            "EVENTLENS_ADMIN_IDS": ",".join(str(user) for user in admin_ids),
            "EVENTLENS_PROVIDERS": "CPUExecutionProvider",
            "EVENTLENS_WEB_HOST": "127.0.0.1",
            "EVENTLENS_WEB_PORT": "0",
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        self.process: asyncio.subprocess.Process | None = None

    async def start(self, timeout: float = 90.0) -> None:
        """Start and wait until it polls for updates."""
        polls_before = len(self.api.calls_to("getUpdates"))
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "eventlens",
                "run",
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
            )
        try:
            await self.api.wait_for(
                lambda: len(self.api.calls_to("getUpdates")) > polls_before or self._exited(),
                timeout,
                "the bot process to start polling",
            )
        except AssertionError:
            raise AssertionError(f"bot did not start; log:\n{self.log_text()}") from None
        if self._exited():
            raise AssertionError(f"bot exited at start; log:\n{self.log_text()}")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)

    async def terminate(self, timeout: float = 60.0) -> int:
        """SIGTERM, then the exit code (AssertionError with the log if it hangs)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return await self.wait(timeout)

    async def wait(self, timeout: float = 60.0) -> int:
        assert self.process is not None
        try:
            return await asyncio.wait_for(self.process.wait(), timeout)
        except TimeoutError:
            self.process.kill()
            raise AssertionError(f"bot did not exit; log:\n{self.log_text()}") from None

    async def close(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def _exited(self) -> bool:
        return self.process is not None and self.process.returncode is not None
