from __future__ import annotations

import itertools
from datetime import date

from eventlens.core.events.naming import base_slug, clean_name, parse_date, slug_candidates
from eventlens.storage.events import SLUG_PATTERN


def test_slugs_are_readable_ascii_in_any_script() -> None:
    assert base_slug("Anna & Ivan — Wedding!") == "anna-ivan-wedding"
    assert base_slug("Свадьба Ани") == "svadba-ani"
    assert base_slug("Fête de la Musique", date(2026, 6, 21)) == "fete-de-la-musique-2026-06-21"
    assert base_slug("शादी समारोह") == "event"
    assert SLUG_PATTERN.match(base_slug("x" * 300))


def test_candidates_count_up_then_go_random() -> None:
    first = list(itertools.islice(slug_candidates("Gala"), 11))
    assert first[:3] == ["gala", "gala-2", "gala-3"] and first[8] == "gala-9"
    assert first[9] != first[10] and all(SLUG_PATTERN.match(slug) for slug in first)


def test_names_and_dates_as_typed() -> None:
    assert clean_name("  Summer   party ") == "Summer party"
    assert clean_name("/use") is None and clean_name("") is None and clean_name("x" * 101) is None
    assert parse_date("2026-06-14") == parse_date("14.06.2026") == date(2026, 6, 14)
    assert parse_date("next friday") is None and parse_date("31.02.2026") is None
