from __future__ import annotations

from eventlens.core.ingest.pins import Pins


def test_a_pin_holds_until_the_last_holder_leaves() -> None:
    pins = Pins()
    with pins.hold(1, "event"):
        with pins.hold(1, "event"):
            assert pins.held(1, "event")
        assert pins.held(1, "event") and not pins.held(1, "other") and not pins.held(2, "event")
    assert not pins.held(1, "event")
