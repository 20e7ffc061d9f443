"""`eventlens run` refuses to start without a usable token, a reachable Redis, or a store a
separate worker could share, in one line."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from tests.e2e.fake_bot_api import FakeBotAPI
from tests.servers import free_port


async def _run(tmp_path: Path, *arguments: str, **env: str) -> tuple[int, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EVENTLENS_")}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "eventlens",
        "run",
        *arguments,
        cwd=tmp_path,  # no stray .env
        env={**clean, "EVENTLENS_HOME": str(tmp_path / "home"), **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert out == b""
    return int(process.returncode or 0), err.decode()


async def test_missing_token_is_one_clear_line(tmp_path: Path) -> None:
    code, err = await _run(tmp_path)
    assert code == 1
    assert err.splitlines() == [
        "eventlens: EVENTLENS_BOT_TOKEN is not set: create a bot with @BotFather and put its "
        "token in the environment or in .env."
    ]


async def test_a_token_telegram_refuses_is_one_clear_line(tmp_path: Path) -> None:
    api = FakeBotAPI()
    await api.start()
    try:
        code, err = await _run(
            tmp_path,
            EVENTLENS_BOT_TOKEN="42:not-the-right-one",
            EVENTLENS_TELEGRAM_API_URL=api.url,
            EVENTLENS_PROVIDERS="CPUExecutionProvider",
        )
    finally:
        await api.close()
    assert code == 1
    assert err.strip().splitlines()[-1] == (
        "eventlens: Telegram refused EVENTLENS_BOT_TOKEN: check the token @BotFather gave you."
    )
    assert "Traceback" not in err


async def test_a_webhook_without_a_secret_does_not_start(tmp_path: Path) -> None:
    code, err = await _run(
        tmp_path,
        EVENTLENS_BOT_TOKEN="42:token",
        EVENTLENS_WEBHOOK_URL="https://bot.example.org/hook",
    )
    assert code == 1
    assert err.splitlines() == [
        "eventlens: bad setting webhook_secret: Value error, a webhook needs "
        "EVENTLENS_WEBHOOK_SECRET: 16-256 letters, digits, _ or -"
    ]


async def test_a_short_share_secret_is_refused(tmp_path: Path) -> None:
    code, err = await _run(tmp_path, EVENTLENS_SHARE_SECRET="short")
    assert code == 1
    assert "share_secret" in err and "at least 32" in err


async def test_no_worker_on_the_embedded_store_is_refused(tmp_path: Path) -> None:
    code, err = await _run(tmp_path, "--no-worker", EVENTLENS_BOT_TOKEN="42:token")
    assert code == 1
    assert err.splitlines() == [
        "eventlens: --no-worker needs Chroma servers (EVENTLENS_CHROMA_URL): no worker can "
        "open the embedded store while the bot holds it."
    ]


async def test_an_unreachable_redis_is_one_clear_line(tmp_path: Path) -> None:
    api = FakeBotAPI()
    await api.start()
    try:
        code, err = await _run(
            tmp_path,
            EVENTLENS_BOT_TOKEN=api.token,
            EVENTLENS_TELEGRAM_API_URL=api.url,
            EVENTLENS_PROVIDERS="CPUExecutionProvider",
            EVENTLENS_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        )
    finally:
        await api.close()
    assert code == 1
    assert (
        err.strip()
        .splitlines()[-1]
        .startswith("eventlens: Cannot reach Redis at EVENTLENS_REDIS_URL")
    )
    assert "Traceback" not in err
