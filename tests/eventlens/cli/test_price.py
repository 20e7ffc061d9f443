"""`eventlens price` sets an event's Stars prices or makes originals free; `stats` shows
sales once the event sells."""

from __future__ import annotations

from pathlib import Path

from tests.eventlens.cli.conftest import Run, as_json


def test_price_sets_and_clears_the_prices(eventlens: Run, tmp_path: Path) -> None:
    eventlens("index", "--event", "gala", str(tmp_path))  # an event with no photos yet
    assert as_json(eventlens("price", "--event", "gala", "--json"))["photo_stars"] is None

    priced = as_json(
        eventlens("price", "--event", "gala", "--photo", "25", "--album", "200", "--json")
    )
    assert (priced["photo_stars"], priced["album_stars"]) == (25, 200)
    assert priced["sales"] == {"sales": 0, "stars": 0, "refunds": 0, "refunded_stars": 0}
    assert "sales 0" in eventlens("stats", "--event", "gala").stdout

    refused = eventlens("price", "--event", "gala", "--photo", "0", "--album", "5", check=False)
    assert refused.returncode == 1 and "A price is 1 to 10000 Stars" in refused.stderr
    alone = eventlens("price", "--event", "gala", "--photo", "5", check=False)
    assert alone.returncode == 1 and "--photo and --album go together" in alone.stderr

    free = eventlens("price", "--event", "gala", "--free")
    assert "Originals of 'gala' are free." in free.stdout
