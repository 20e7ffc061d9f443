"""One rule for every front door: an event is read and written only with the model pack
that built it.

Faces embedded by two models are not comparable, so a process started with another
`EVENTLENS_MODEL_PACK` must neither add photos to an old event nor search it; the
photographer or guest gets a clear refusal instead of silently wrong albums.
"""

from __future__ import annotations

from eventlens.core.errors import ModelPackError
from eventlens.core.reasons import Code
from eventlens.core.records import Event


def require_pack(event: Event, loaded_pack: str) -> Event:
    """`event` itself when it was built with `loaded_pack`; otherwise refuse."""
    if event.model_pack != loaded_pack:
        raise ModelPackError(Code.MODEL_PACK_MISMATCH, slug=event.slug, pack=event.model_pack)
    return event
