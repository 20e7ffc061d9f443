"""`eventlens demo`: the whole flow offline, as a guest would see it.

Everything lives under `EVENTLENS_HOME/demo` (rebuilt each run) so the demo never
touches real events.
"""

from __future__ import annotations

import shutil
import time

from eventlens.cli.find import find_matches
from eventlens.cli.index import index_paths, open_event
from eventlens.cli.output import emit_json, say
from eventlens.demo_photos import build
from eventlens.services import Services
from eventlens.settings import Settings

DEMO_SLUG = "demo-basketball-gala"


async def run(settings: Settings, as_json: bool) -> int:
    folder = settings.home / "demo"
    shutil.rmtree(folder, ignore_errors=True)
    photos, selfie = build(folder)
    alone = {"home": folder / "data", "chroma_url": None, "originals_dir": None}
    demo_settings = settings.model_copy(update=alone)
    services = await Services.open(demo_settings)
    started = time.perf_counter()
    try:
        event = await open_event(services, DEMO_SLUG)
        summary = await index_paths(services, event, [str(folder / "photos")])
        matches = await find_matches(services, event, [str(selfie)])
    finally:
        await services.close()
    seconds = round(time.perf_counter() - started, 2)
    expected = {photo.name for photo in photos if photo.has_guest}
    found = {str(match["source"]).rsplit("/", 1)[-1] for match in matches}
    if as_json:
        emit_json(
            {
                "event": DEMO_SLUG,
                "photos_indexed": summary.indexed,
                "faces": summary.faces,
                "selfie": str(selfie),
                "matches": matches,
                "expected": sorted(expected),
                "seconds": seconds,
            }
        )
        return 0 if found == expected else 1
    say(f"EventLens demo: event '{DEMO_SLUG}' in {folder}")
    say(f"  Photographer uploaded {summary.indexed} photos; {summary.faces} faces indexed.")
    say(f"  Guest sent a selfie: {selfie.name}")
    say(f"  The guest's album ({len(matches)} photo(s)):")
    for match in matches:
        say(f"    [{match['tier']}] {match['score']:.2f}  {match['source']}")
    missed = expected - found
    extra = found - expected
    say(
        f"  Expected {len(expected)} photo(s) of the guest: "
        f"{'all found' if not missed else 'missed ' + ', '.join(sorted(missed))}"
        f"{'' if not extra else '; unexpected ' + ', '.join(sorted(extra))}."
    )
    say(f"Done in {seconds:.1f} s. Photos are in {folder / 'photos'}.")
    return 0 if not missed and not extra else 1
