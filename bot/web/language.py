"""Pick the page language from the browser's Accept-Language header."""

from __future__ import annotations

from collections.abc import Collection


def negotiate(header: str | None, available: Collection[str], default: str) -> str:
    """The best available language by q-value; `ru-RU` matches `ru`."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        pieces = [piece.strip() for piece in part.split(";")]
        tag = pieces[0].lower()
        quality = 1.0
        for parameter in pieces[1:]:
            if parameter.startswith("q="):
                try:
                    quality = float(parameter[2:])
                except ValueError:
                    quality = 0.0
        if tag and quality > 0:
            ranked.append((-quality, position, tag))
    for _, _, tag in sorted(ranked):
        for candidate in (tag, tag.split("-")[0]):
            if candidate in available:
                return candidate
    return default
