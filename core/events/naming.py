"""Event names, dates and slugs as a photographer types them.

Slugs are readable ids for the CLI (`eventlens find --event SLUG`): ASCII only, so
Cyrillic names are transliterated; anything else that has no ASCII form falls
back to "event". Uniqueness comes from numbered candidates.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime

MAX_NAME = 100
MAX_SLUG_BASE = 40
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y", "%Y/%m/%d")
_CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ"
_CYRILLIC_LATIN = (
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya i yi ye g"
)
_CYRILLIC = dict(zip(_CYRILLIC_LETTERS, _CYRILLIC_LATIN.split(" "), strict=True))


def clean_name(text: str) -> str | None:
    """The name as given, or None when it is empty, too long or looks like a command."""
    name = " ".join(text.split())
    if not name or len(name) > MAX_NAME or name.startswith("/"):
        return None
    return name


def parse_date(text: str) -> date | None:
    value = text.strip()
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def base_slug(name: str, when: date | None = None) -> str:
    lowered = "".join(_CYRILLIC.get(char, char) for char in name.lower()).replace("_", "")
    ascii_text = unicodedata.normalize("NFKD", lowered).encode("ascii", "ignore").decode()
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:MAX_SLUG_BASE].strip("-")
    slug = slug or "event"
    return f"{slug}-{when.isoformat()}" if when else slug


def slug_candidates(name: str, when: date | None = None) -> Iterator[str]:
    """`wedding`, `wedding-2` ... `wedding-9`, then random suffixes."""
    base = base_slug(name, when)
    yield base
    for number in range(2, 10):
        yield f"{base}-{number}"
    while True:
        yield f"{base}-{secrets.token_hex(3)}"
