"""`eventlens people`: the people found in an event, largest first, and corrections.

`--name`, `--merge` and `--split` take the numbers the listing shows; `--rebuild`
re-clusters the whole event (the nightly repair), keeping every correction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventlens.cli.output import CliError, emit_json, say
from eventlens.core.people.clusters import recluster
from eventlens.core.people.contact_sheet import contact_sheet
from eventlens.services import Services
from eventlens.settings import Settings


@dataclass(frozen=True)
class Change:
    name: list[str] | None = None
    merge: list[int] | None = None
    split: list[int] | None = None
    rebuild: bool = False


async def _apply(services: Services, event_id: str, change: Change) -> None:
    fixes = services.corrections
    if change.name:
        number, name = change.name
        if not number.isdigit():
            raise CliError(f"--name takes a person number, not {number!r}")
        await fixes.name(event_id, int(number), name)
    elif change.merge:
        await fixes.merge(event_id, change.merge[0], change.merge[1])
    elif change.split:
        if len(change.split) < 2:
            raise CliError("--split takes a person number and at least one face number")
        await fixes.split(event_id, change.split[0], change.split[1:])
    elif change.rebuild:
        await recluster(services.photos, services.people, event_id, services.thresholds)


async def run(
    settings: Settings, slug: str, sheet: str | None, as_json: bool, change: Change = Change()
) -> int:
    services = await Services.open(settings, indexes=False)
    try:
        event = await services.event(slug)
        await _apply(services, event.id, change)
        people = await services.people.of_event(event.id)
        best = await services.photos.faces([person.best_face_id for person in people])
        photos = await services.photos.many(list({face.photo_id for face in best.values()}))
        image = (
            await contact_sheet(services.people, services.photos, services.blobs, event.id)
            if sheet
            else None
        )
    finally:
        await services.close()
    if sheet and image is not None:
        Path(sheet).write_bytes(image)
    rows = [
        {
            "person": number,
            "name": person.name,
            "photos": person.photo_count,
            "faces": person.face_count,
            "cohesion": person.cohesion,
            "best_face": {
                "source": photos[best[person.best_face_id].photo_id].source,
                "box": [round(value, 1) for value in best[person.best_face_id].box],
            },
        }
        for number, person in enumerate(people, start=1)
        if person.best_face_id in best and best[person.best_face_id].photo_id in photos
    ]
    if as_json:
        emit_json({"event": slug, "people": rows, "contact_sheet": sheet if image else None})
        return 0
    several = [row for row in rows if int(str(row["photos"])) > 1]
    say(f"Event '{slug}': {len(several)} people in more than one photo, {len(rows)} in all.")
    for row in several:
        best_face = row["best_face"]
        assert isinstance(best_face, dict)
        label = f"#{row['person']}" + (f" {row['name']}" if row["name"] else "")
        say(f"  {label:<20} {row['photos']:>4} photos  best face in {best_face['source']}")
    if sheet:
        say(
            f"Contact sheet: {sheet}" if image else "No contact sheet: no person in two photos yet."
        )
    return 0
