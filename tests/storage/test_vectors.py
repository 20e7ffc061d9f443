from __future__ import annotations

from pathlib import Path

import numpy as np

from eventlens.storage.vectors import VectorStore, collection_name


def _unit(rows: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(rows, 512)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_collections_are_per_event_and_cosine(tmp_path: Path) -> None:
    store = VectorStore.embedded(tmp_path)
    vectors = _unit(300, 1)
    store.upsert(
        "a", [f"f{i}" for i in range(300)], vectors, [{"photo_id": f"p{i}"} for i in range(300)]
    )
    store.upsert("b", ["x"], vectors[:1], [{"photo_id": "q"}])

    (hits,) = store.query("a", vectors[5:6], 3)
    assert hits[0].id == "f5"
    assert abs(hits[0].similarity - 1.0) < 1e-4
    assert store.count("a") == 300 and store.count("b") == 1

    collection = store._clients[0].get_collection(collection_name("a"))
    hnsw = collection.configuration_json["hnsw"]
    assert hnsw["space"] == "cosine"
    assert hnsw["ef_search"] >= 256


def test_upsert_is_idempotent_and_delete_and_drop_work(tmp_path: Path) -> None:
    store = VectorStore.embedded(tmp_path)
    vectors = _unit(10, 2)
    ids = [f"f{i}" for i in range(10)]
    metadata = [{"photo_id": "p"}] * 10
    store.upsert("e", ids, vectors, metadata)
    store.upsert("e", ids, vectors, metadata)
    assert store.count("e") == 10
    store.delete("e", ids[:4])
    assert store.count("e") == 6
    store.drop("e")
    assert store.count("e") == 0


def test_vectors_survive_a_reopen(tmp_path: Path) -> None:
    VectorStore.embedded(tmp_path).upsert("e", ["f"], _unit(1, 3), [{"photo_id": "p"}])
    assert VectorStore.embedded(tmp_path).count("e") == 1


def test_an_empty_event_answers_nothing(tmp_path: Path) -> None:
    assert VectorStore.embedded(tmp_path).query("none", _unit(2, 4), 10) == [[], []]


def _files_holding(folder: Path, needles: list[bytes]) -> dict[str, int]:
    """For each file under `folder`, how many of `needles` its bytes contain (if any)."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits = sum(needle in data for needle in needles)
            if hits:
                found[str(path.relative_to(folder))] = hits
    return found


def test_a_dropped_collection_leaves_no_face_on_disk(tmp_path: Path) -> None:
    store = VectorStore.embedded(tmp_path)
    # Past Chroma's sync threshold (1,000), so the HNSW files on disk hold the vectors too.
    dropped, kept = _unit(1200, 5), _unit(3, 6)
    ids = [f"gone-face-{i:04d}" for i in range(1200)]
    store.upsert("gone", ids, dropped, [{"photo_id": f"p{i % 40}"} for i in range(1200)])
    store.upsert(
        "kept", ["kept-face-0", "kept-face-1", "kept-face-2"], kept, [{"photo_id": "k"}] * 3
    )
    gone = [vector.tobytes()[:64] for vector in dropped[:50]] + [i.encode() for i in ids[:50]]
    assert any(not name.endswith("sqlite3") for name in _files_holding(tmp_path, gone))

    store.drop("gone")

    assert _files_holding(tmp_path, gone) == {}
    assert _files_holding(tmp_path, [vector.tobytes()[:64] for vector in kept])
    assert store.query("kept", kept[1:2], 1)[0][0].id == "kept-face-1"
    store.upsert("gone", ["again"], kept[:1], [{"photo_id": "a"}])  # the name is free again
    assert VectorStore.embedded(tmp_path).count("gone") == 1
