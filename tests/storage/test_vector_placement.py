"""An event's Chroma server follows from its id and the list alone, the same in every process."""

from __future__ import annotations

import uuid
from collections import Counter

import pytest

from eventlens.storage.vector_placement import place

SERVERS = ["http://chroma-a:8000", "http://chroma-b:8000"]


def test_the_same_event_lands_on_the_same_server_in_any_process() -> None:
    # Fixed answers: a salted hash (Python's hash()) would change them between processes.
    assert [place(f"event{n}", SERVERS) for n in range(8)] == [0, 1, 1, 0, 0, 0, 0, 0]


def test_order_and_spelling_of_the_list_do_not_move_events() -> None:
    ids = [uuid.uuid4().hex for _ in range(50)]
    respelled = ["HTTP://CHROMA-B:8000/", "http://chroma-a:8000"]
    assert [SERVERS[place(i, SERVERS)] for i in ids] == [
        SERVERS[1 - place(i, respelled)] for i in ids
    ]


def test_a_new_server_takes_a_share_and_moves_nothing_else() -> None:
    ids = [uuid.uuid4().hex for _ in range(600)]
    grown = [*SERVERS, "http://chroma-c:8000"]
    before = {i: place(i, SERVERS) for i in ids}
    after = {i: place(i, grown) for i in ids}
    moved = [i for i in ids if after[i] != before[i]]
    assert all(after[i] == 2 for i in moved)  # only onto the new server
    assert 100 < len(moved) < 300  # about a third of the events
    assert min(Counter(before.values()).values()) > 240  # two servers share evenly


def test_no_server_is_an_error() -> None:
    with pytest.raises(ValueError):
        place("event", [])
