from __future__ import annotations

from eventlens.bot.uploads.throttle import Throttle


def test_one_edit_per_interval_per_chat_and_longer_after_a_429() -> None:
    now = [100.0]
    throttle = Throttle(interval=2.5, clock=lambda: now[0])
    assert throttle.ready(1)
    throttle.sent(1)
    assert not throttle.ready(1) and throttle.ready(2)
    now[0] += 2.5
    assert throttle.ready(1)
    throttle.back_off(1, 30)
    now[0] += 29
    assert not throttle.ready(1)
    now[0] += 1
    assert throttle.ready(1)
