"""`eventlens index`: store and index files, folders and ZIPs; idempotent by content.

With `--queue` the files are only stored and queued, for a running `eventlens worker`
(which this command would otherwise have to wait for, holding the worker lock).
"""

from __future__ import annotations

import asyncio
import sys
import time
import uuid
from dataclasses import dataclass, field

from tqdm import tqdm

from eventlens.cli.output import emit_json, phrase, say
from eventlens.cli.sources import Upload, expand
from eventlens.core.events.packs import require_pack
from eventlens.core.ingest.indexer import Indexed, Outcome
from eventlens.core.reasons import Code, Reason
from eventlens.core.records import Event
from eventlens.services import Services
from eventlens.settings import Settings


@dataclass
class Summary:
    queued: int = 0
    indexed: int = 0
    faces: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)

    def skip(self, source: str, reason: Reason) -> None:
        """Keep a skip as the JSON contract has it: a readable `reason` and its `code`."""
        self.skipped.append({"source": source, "reason": phrase(reason), "code": reason.code})


async def open_event(services: Services, slug: str) -> Event:
    event = await services.events.by_slug(slug)
    if event is None:
        event = await services.events.create(slug, slug, services.engine.pack.name)
    require_pack(event, services.engine.pack.name)
    return event


async def index_paths(
    services: Services,
    event: Event,
    paths: list[str],
    progress: tqdm[None] | None = None,
    queue_only: bool = False,
) -> Summary:
    summary = Summary()
    batch_id = uuid.uuid4().hex
    ingest_done = False

    async def ingest() -> None:
        nonlocal ingest_done
        uploads = expand(paths)
        try:
            while (upload := await asyncio.to_thread(next, uploads, None)) is not None:
                await _ingest_one(services, event, upload, batch_id, summary, progress)
        finally:
            ingest_done = True

    async def on_outcome(outcome: Outcome) -> None:
        if isinstance(outcome, Indexed):
            summary.indexed += 1
            summary.faces += len(outcome.faces)
        else:
            summary.skip(outcome.job.source, outcome.reason)
        if progress is not None:
            progress.update(1)
            progress.set_postfix(faces=summary.faces, refresh=False)

    if queue_only:
        await ingest()
        return summary
    await asyncio.gather(
        ingest(), services.indexer.work(lambda: ingest_done, on_outcome, event_id=event.id)
    )
    if summary.indexed:
        await services.loops.people.refresh_if_due(event.id)
    return summary


async def _ingest_one(
    services: Services,
    event: Event,
    upload: Upload,
    batch_id: str,
    summary: Summary,
    progress: tqdm[None] | None,
) -> None:
    if upload.data is None:
        assert upload.reason is not None  # an upload without bytes always says why
        summary.skip(upload.source, upload.reason)
        return
    result = await services.indexer.ingest(event.id, upload.source, upload.data, batch_id)
    if result.status in {"queued", "resumed"}:
        summary.queued += 1
        if progress is not None:
            progress.total = summary.queued
            progress.refresh()
    else:
        assert result.reason is not None  # rejected and duplicate uploads always say why
        summary.skip(result.source, result.reason)


async def run(
    settings: Settings, slug: str, paths: list[str], as_json: bool, queue_only: bool = False
) -> int:
    services = await Services.open(settings, indexes=not queue_only)
    started = time.perf_counter()
    try:
        if not queue_only:  # a worker sweeps when it starts; never under its feet
            await services.loops.sweep()
        event = await open_event(services, slug)
        show_bar = not as_json and sys.stderr.isatty() and not queue_only
        with tqdm(total=0, unit="photo", disable=not show_bar, file=sys.stderr) as progress:
            summary = await index_paths(services, event, paths, progress, queue_only)
    finally:
        await services.close()
    seconds = round(time.perf_counter() - started, 3)
    if queue_only:
        _report_queued(slug, summary, seconds, as_json)
        return 0
    if as_json:
        emit_json(
            {
                "event": slug,
                "photos_indexed": summary.indexed,
                "photos_skipped": summary.skipped,
                "faces": summary.faces,
                "seconds": seconds,
            }
        )
        return 0
    rate = summary.indexed / seconds if seconds else 0.0
    say(
        f"Event '{slug}': indexed {summary.indexed} photo(s) with {summary.faces} face(s) "
        f"in {seconds:.1f} s ({rate:.1f} photos/s)."
    )
    if (
        summary.indexed == 0
        and summary.skipped
        and all(item["code"] == Code.DUPLICATE for item in summary.skipped)
    ):
        say("Nothing new: every photo was already indexed.")
    if summary.skipped:
        say(f"Skipped {len(summary.skipped)}:")
        for item in summary.skipped:
            say(f"  {item['source']}: {item['reason']}")
    return 0


def _report_queued(slug: str, summary: Summary, seconds: float, as_json: bool) -> None:
    if as_json:
        emit_json(
            {
                "event": slug,
                "photos_queued": summary.queued,
                "photos_skipped": summary.skipped,
                "seconds": seconds,
            }
        )
        return
    say(f"Event '{slug}': queued {summary.queued} photo(s) for the worker.")
    for item in summary.skipped:
        say(f"  {item['source']}: {item['reason']}")
