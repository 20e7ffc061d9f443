"""Several real Chroma servers: each event's faces on exactly one, and moving one keeps results."""

from __future__ import annotations

import uuid
from typing import Any

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from numpy.typing import NDArray

from eventlens.storage.vectors import VectorStore, collection_name


def _unit(rows: int, seed: int) -> NDArray[np.float32]:
    vectors = np.random.default_rng(seed).normal(size=(rows, 512)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _holders(servers: tuple[str, str], event_id: str) -> list[str]:
    """The servers that have a collection for the event, asked directly."""
    found = []
    for url in servers:
        host, port = url.removeprefix("http://").split(":")
        client: Any = chromadb.HttpClient(
            host=host, port=int(port), settings=ChromaSettings(anonymized_telemetry=False)
        )
        names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
        if collection_name(event_id) in names:
            found.append(url)
    return found


def _fill(store: VectorStore, event_id: str, seed: int) -> NDArray[np.float32]:
    vectors = _unit(40, seed)
    ids = [f"{event_id}-{n}" for n in range(40)]
    store.upsert(event_id, ids, vectors, [{"photo_id": f"p{n // 4}"} for n in range(40)])
    return vectors


def test_each_event_lives_on_exactly_the_server_its_id_picks(
    chroma_servers: tuple[str, str],
) -> None:
    store = VectorStore.servers(chroma_servers)
    events = [uuid.uuid4().hex for _ in range(6)]
    for seed, event_id in enumerate(events):
        vectors = _fill(store, event_id, seed)
        (hits,) = store.query(event_id, vectors[3:4], 5)
        assert hits[0].id == f"{event_id}-3" and store.count(event_id) == 40

    for event_id in events:
        assert _holders(chroma_servers, event_id) == [store.server_of(event_id)]
    assert set(events) <= store.event_ids()
    assert {store.server_of(event_id) for event_id in events} <= set(chroma_servers)

    for event_id in events:
        store.drop(event_id)
        assert _holders(chroma_servers, event_id) == []


def test_an_event_moved_to_a_new_server_answers_the_same(
    chroma_servers: tuple[str, str],
) -> None:
    first, second = chroma_servers
    grown = VectorStore.servers(chroma_servers)
    # An event the grown list places on the second server (every other one does).
    event_id = next(
        e for e in (uuid.uuid4().hex for _ in range(64)) if grown.server_of(e) == second
    )
    alone = VectorStore.servers([first])
    vectors = _fill(alone, event_id, 7)
    before = alone.query(event_id, vectors[:5], 10)
    assert _holders(chroma_servers, event_id) == [first]

    assert event_id in grown.misplaced()
    grown.drop(event_id)  # what `eventlens reindex` does: drop everywhere, write where it goes
    _fill(grown, event_id, 7)

    assert _holders(chroma_servers, event_id) == [second]
    assert event_id not in grown.misplaced()
    after = grown.query(event_id, vectors[:5], 10)
    assert [[n.id for n in row] for row in after] == [[n.id for n in row] for row in before]
    assert np.allclose(
        [[n.similarity for n in row] for row in after],
        [[n.similarity for n in row] for row in before],
        atol=1e-5,
    )
    grown.drop(event_id)
