"""The chat's pace: about one message a second, a media group once per photo, 429s honoured."""

from __future__ import annotations

import pytest

from eventlens.core.guests.pacing import TRACKED_CHATS, ChatPace

CHAT, OTHER = 7, 8


def test_an_album_of_ten_holds_the_chat_for_ten_seconds() -> None:
    pace = ChatPace(1.0)

    assert pace.reserve(CHAT, 10, 100.0) == 0.0
    assert pace.reserve(CHAT, 1, 100.0) == 10.0  # the next message waits out the album
    assert pace.reserve(CHAT, 1, 105.0) == 6.0
    assert pace.reserve(OTHER, 10, 100.0) == 0.0  # other chats are not held up


def test_an_idle_chat_sends_at_once_and_a_faster_pace_spaces_less() -> None:
    pace = ChatPace(5.0)

    pace.reserve(CHAT, 10, 0.0)
    assert pace.reserve(CHAT, 1, 60.0) == 0.0
    assert pace.reserve(CHAT, 1, 60.0) == pytest.approx(0.2)


def test_a_429_holds_the_chat_for_its_retry_after() -> None:
    pace = ChatPace(1.0)
    pace.reserve(CHAT, 1, 0.0)

    pace.refused(CHAT, 30.0, 0.5)

    assert pace.reserve(CHAT, 1, 1.0) == pytest.approx(29.5)
    assert pace.reserve(CHAT, 1, 40.0) == 0.0


def test_chats_that_are_free_again_are_forgotten_past_a_bound() -> None:
    pace = ChatPace(1.0)
    for chat in range(TRACKED_CHATS + 1):
        pace.reserve(chat, 1, 0.0)

    pace.reserve(CHAT, 1, 10.0)

    assert pace.reserve(0, 1, 10.0) == 0.0
    assert len(pace) == 2


def test_a_pace_must_be_positive() -> None:
    with pytest.raises(ValueError):
        ChatPace(0.0)
