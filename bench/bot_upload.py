"""End-to-end upload throughput of the bot: a ZIP sent in Telegram to its summary.

Runs the real bot in-process against the fake Bot API of the end-to-end tests,
sends ZIPs of small real-face photos and prints, per size: seconds from the upload
to the summary, photos per second, faces, and how often the progress message was
edited (the throttle's doing). Compare with `eventlens index` on the same photos
to see the bot's own overhead.

    python bench/bot_upload.py [--sizes 50 200 500]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import time
from pathlib import Path

from pydantic import SecretStr
from tabulate import tabulate

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bot_under_test import loaded_engine
from eventlens.core.faces.engine import FaceEngine
from eventlens.settings import Settings
from tests.e2e.conftest import ADMIN_ID, bot_running
from tests.e2e.fake_bot_api import FakeBotAPI
from tests.e2e.flows import create_event, upload_summary
from tests.e2e.photos import event_photos, zip_of
from tests.e2e.telegram_user import FakeUser


async def one_run(engine: FaceEngine, size: int, home: Path) -> list[object]:
    api = FakeBotAPI()
    await api.start()
    settings = Settings(
        home=home,
        providers=("CPUExecutionProvider",),
        bot_token=SecretStr(api.token),
        telegram_api_url=api.url,
        admin_ids=frozenset({ADMIN_ID}),
    )
    try:
        async with bot_running(settings, engine):
            admin = FakeUser(api, ADMIN_ID)
            await create_event(admin, f"Bench {size}")
            archive = zip_of([(f"{i}.jpg", data) for i, data in enumerate(event_photos(size, 21))])
            started = time.perf_counter()
            await admin.send_document(archive, "bench.zip", "application/zip")
            summary = await upload_summary(admin, timeout=3600)
            seconds = time.perf_counter() - started
    finally:
        await api.close()
    faces = re.search(r"faces found: ([\d,]+)", summary.text)
    return [
        size,
        f"{len(archive) / 1e6:.1f}",
        f"{seconds:.1f}",
        f"{size / seconds:.1f}",
        faces[1] if faces else "?",
        len(summary.history) - 1,
    ]


async def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = loaded_engine(Path(folder))
        rows = [await one_run(engine, size, Path(folder) / f"home-{size}") for size in sizes]
    print(
        tabulate(
            rows,
            headers=["photos", "ZIP MB", "s to summary", "photos/s", "faces", "edits"],
            tablefmt="github",
        )
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200])
    asyncio.run(main(parser.parse_args().sizes))
