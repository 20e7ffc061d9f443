"""`eventlens people`: the people found in an event, largest first."""

from __future__ import annotations

from pathlib import Path

from eventlens.cli.output import emit_json, say
from eventlens.core.people.contact_sheet import contact_sheet
from eventlens.services import Services
from eventlens.settings import Settings


async def run(settings: Settings, slug: str, sheet: str | None, as_json: bool) -> int:
    services = await Services.open(settings)
    try:
        event = await services.event(slug)
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
        say(f"  #{row['person']:<4} {row['photos']:>4} photos  best face in {best_face['source']}")
    if sheet:
        say(
            f"Contact sheet: {sheet}" if image else "No contact sheet: no person in two photos yet."
        )
    return 0
