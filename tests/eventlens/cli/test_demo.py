from __future__ import annotations

from pathlib import Path

from tests.eventlens.cli.conftest import Run, as_json


def test_demo_finds_the_guest_offline(eventlens: Run, home: Path) -> None:
    result = eventlens("demo")
    assert "The guest's album (3 photo(s))" in result.stdout
    assert "all found" in result.stdout
    assert (home / "demo" / "photos" / "team-photo.jpg").is_file()


def test_demo_json_lists_exactly_the_guests_photos(eventlens: Run) -> None:
    result = as_json(eventlens("demo", "--json"))
    found = sorted(Path(match["source"]).name for match in result["matches"])
    assert (
        found
        == result["expected"]
        == [
            "team-closeup.jpg",
            "team-mirrored-evening.jpg",
            "team-photo.jpg",
        ]
    )
    assert all(match["tier"] == "sure" for match in result["matches"])


def test_demo_leaves_real_events_alone(eventlens: Run) -> None:
    eventlens("demo")
    assert as_json(eventlens("event", "list", "--json")) == {"events": []}
