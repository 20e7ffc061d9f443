"""Record a photo's assessment with its burst group, right after its faces are saved."""

from __future__ import annotations

from collections.abc import Sequence

from eventlens.core.culling.assess import Assessment
from eventlens.core.culling.bursts import BURST_SECONDS, Frame, join
from eventlens.storage.culling import CullingStore, FaceCull, PhotoCull


async def keep(
    store: CullingStore,
    photo_id: str,
    event_id: str,
    assessment: Assessment,
    face_ids: Sequence[str],
) -> str:
    """Store the verdict; returns the photo's group id."""
    near = await store.near(event_id, assessment.taken_at, BURST_SECONDS)
    frames = [
        Frame(row.photo_id, row.taken_at, row.phash, row.group_id)
        for row in near
        if row.photo_id != photo_id
    ]
    measures = assessment.measures
    joining = join(photo_id, assessment.taken_at, measures.phash, frames)
    row = PhotoCull(
        photo_id=photo_id,
        event_id=event_id,
        sharpness=measures.sharpness,
        brightness=measures.brightness,
        highlights=measures.highlights,
        shadows=measures.shadows,
        phash=measures.phash,
        taken_at=assessment.taken_at,
        group_id=joining.group_id,
    )
    faces = [
        FaceCull(face_ids[verdict.index], photo_id, verdict.blurred, verdict.eyes)
        for verdict in assessment.faces
    ]
    await store.save(row, joining.merged, faces)
    return joining.group_id
