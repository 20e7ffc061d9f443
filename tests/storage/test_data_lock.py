"""A second process cannot open a data directory that a running EventLens holds, and a
second indexing worker is refused while a process that only reads may open beside it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from eventlens.core.errors import SetupError
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.reasons import Code
from eventlens.services import Services
from eventlens.settings import Settings
from eventlens.storage.data_lock import WORKER_LOCK_NAME

HOLD = """
import sys, time
from pathlib import Path
from eventlens.storage.data_lock import DataLock
DataLock(Path(sys.argv[1]), *sys.argv[2:]).acquire()
print("held", flush=True)
time.sleep(60)
"""


async def test_another_process_holding_the_directory_is_named(
    settings: Settings, engine: FaceEngine
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(settings.home)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(SetupError) as raised:
            await Services.open(settings, engine=engine)
        assert raised.value.code == Code.DATA_DIR_IN_USE
        assert f"pid {holder.pid}" in str(raised.value)
    finally:
        holder.kill()
        holder.wait()

    opened = await Services.open(settings, engine=engine)  # the holder is gone: free again
    await opened.close()


async def test_one_process_may_open_its_directory_twice(
    settings: Settings, engine: FaceEngine
) -> None:
    first = await Services.open(settings, engine=engine)
    second = await Services.open(settings, engine=engine)
    await second.close()
    await first.close()


async def test_the_data_directory_is_private_to_its_user(
    settings: Settings, engine: FaceEngine
) -> None:
    opened = await Services.open(settings, engine=engine)
    await opened.close()

    assert settings.home.stat().st_mode & 0o077 == 0


async def test_a_second_worker_is_refused_and_a_reader_opens_beside_it(
    settings: Settings, engine: FaceEngine
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(settings.home), WORKER_LOCK_NAME],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(SetupError) as raised:
            await Services.open(settings, engine=engine)
        assert raised.value.code == Code.WORKER_RUNNING
        assert f"pid {holder.pid}" in str(raised.value)
        reader = await Services.open(settings, engine=engine, indexes=False)
        await reader.close()
    finally:
        holder.kill()
        holder.wait()
