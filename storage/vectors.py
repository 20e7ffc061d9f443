"""Chroma as a rebuildable index: one collection per event, cosine space.

Per-event collections, never a metadata filter: Chroma 1.5 answers a 100k-face
query in ~4 ms without a filter and ~230 ms with `where={"event": ...}`.
Embedded `add()` holds the GIL for the whole call, so writes go in small batches
from a worker thread. Telemetry is always off.

Dropping an embedded collection must leave no face on disk, and Chroma 1.5 alone
leaves two copies: the collection's HNSW directory (`<segment id>/`, never removed:
chroma-core/chroma#5259) and the freed pages of `chroma.sqlite3` (its embeddings and
the `embeddings_queue` log). `drop` removes the directories itself and then runs
VACUUM, the step of Chroma's own `chroma vacuum`, which rewrites the file without them.
A third copy hides in the other events' HNSW files, which store recycled heap
memory: `freed_memory` has glibc overwrite it.

With several Chroma servers each event's collection lives on exactly one of them
(`vector_placement`); every per-event call goes there, and `drop` removes the
collection from every server that has one, so a rebuild after the list of servers
changed (`eventlens reindex`) moves the event.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
from numpy.typing import NDArray

from eventlens.storage.freed_memory import scrub_freed_memory
from eventlens.storage.vector_placement import place

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import chromadb
from chromadb.config import Settings as ChromaSettings

# HNSW parameters are fixed when a collection is created (ef_search is read only
# when the index loads), so they are chosen here once:
# - cosine: embeddings are L2-normalised ArcFace vectors, compared by angle;
# - max_neighbors 32 (M): higher recall than the default 16 for 512-d vectors at
#   ~128 extra bytes per vector;
# - ef_construction 200: a better graph for a one-off cost at insert time;
# - ef_search 256: we ask for up to a few hundred neighbours per query, and ef
#   must exceed k for the search to stay accurate.
HNSW_CONFIGURATION: dict[str, Any] = {
    "hnsw": {"space": "cosine", "max_neighbors": 32, "ef_construction": 200, "ef_search": 256}
}
# Small batches keep the GIL free for the event loop (5,000 vectors froze it 3.5 s).
WRITE_BATCH = 256
MAX_RESULTS = 5000
# VACUUM needs the file to itself; Chroma's writes in flight finish within this.
VACUUM_WAIT_SECONDS = 30.0


@dataclass(frozen=True)
class Neighbour:
    id: str
    similarity: float


def _settings() -> ChromaSettings:
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def collection_name(event_id: str) -> str:
    return f"event-{event_id}"


def _http_client(url: str) -> Any:
    parsed = urlparse(url)
    return chromadb.HttpClient(
        host=parsed.hostname or "localhost",
        port=parsed.port or (443 if parsed.scheme == "https" else 8000),
        ssl=parsed.scheme == "https",
        settings=_settings(),
    )


class VectorStore:
    def __init__(
        self, clients: Sequence[Any], path: Path | None = None, servers: Sequence[str] = ()
    ) -> None:
        self._clients = list(clients)
        self._servers = tuple(servers)  # the servers' URLs, one per client; () if embedded
        self._path = path  # the embedded store's directory; None for Chroma servers

    @classmethod
    def embedded(cls, path: Path) -> VectorStore:
        scrub_freed_memory()
        path.mkdir(parents=True, exist_ok=True)
        return cls([chromadb.PersistentClient(path=str(path), settings=_settings())], path)

    @classmethod
    def remote(cls, url: str) -> VectorStore:
        return cls.servers([url])

    @classmethod
    def servers(cls, urls: Sequence[str]) -> VectorStore:
        """Chroma servers; each event's collection on the one `place` picks."""
        return cls([_http_client(url) for url in urls], servers=urls)

    def server_of(self, event_id: str) -> str | None:
        """The URL of the server that holds the event's collection; None if embedded."""
        return self._servers[place(event_id, self._servers)] if self._servers else None

    def misplaced(self) -> set[str]:
        """Events with a collection on a server other than theirs (the list changed)."""
        if len(self._clients) < 2:
            return set()
        return {
            event_id
            for index, client in enumerate(self._clients)
            for event_id in _event_ids(client)
            if place(event_id, self._servers) != index
        }

    def _client(self, event_id: str) -> Any:
        if len(self._clients) == 1:
            return self._clients[0]
        return self._clients[place(event_id, self._servers)]

    def _collection(self, event_id: str) -> Any:
        return self._client(event_id).get_or_create_collection(
            collection_name(event_id), configuration=HNSW_CONFIGURATION, embedding_function=None
        )

    def upsert(
        self,
        event_id: str,
        ids: Sequence[str],
        embeddings: NDArray[np.float32],
        metadatas: Sequence[dict[str, Any]],
    ) -> None:
        if not ids:
            return
        collection = self._collection(event_id)
        for start in range(0, len(ids), WRITE_BATCH):
            stop = start + WRITE_BATCH
            collection.upsert(
                ids=list(ids[start:stop]),
                embeddings=embeddings[start:stop],
                metadatas=list(metadatas[start:stop]),
            )

    def query(
        self, event_id: str, embeddings: NDArray[np.float32], k: int
    ) -> list[list[Neighbour]]:
        """Nearest faces for each query vector, most similar first.

        Ids and distances only: Chroma's metadata read cost 3-4 times the search itself
        at 100k faces, and SQLite answers which photo a face is in for less. No count()
        first either: Chroma answers a k beyond the collection's size with what it has.
        """
        result = self._collection(event_id).query(
            query_embeddings=embeddings, n_results=min(k, MAX_RESULTS), include=["distances"]
        )
        answers = zip(result["ids"], result["distances"], strict=True)
        return [
            [Neighbour(face, 1.0 - float(d)) for face, d in zip(ids, dists, strict=True)]
            for ids, dists in answers
        ]

    def delete(self, event_id: str, ids: Sequence[str]) -> None:
        if ids:
            self._collection(event_id).delete(ids=list(ids))

    def delete_photo(self, event_id: str, photo_id: str) -> None:
        """Every face of the photo, whatever its rows say (a job may have written them late)."""
        if self.exists(event_id):
            self._collection(event_id).delete(where={"photo_id": photo_id})

    def count(self, event_id: str) -> int:
        return int(self._collection(event_id).count())

    def exists(self, event_id: str) -> bool:
        """Whether the event has a collection on its server (unlike `count`, never creates one)."""
        return event_id in _event_ids(self._client(event_id))

    def event_ids(self) -> set[str]:
        """The events that have a collection, on any server."""
        return set().union(*(_event_ids(client) for client in self._clients))

    def drop(self, event_id: str) -> None:
        """Delete the event's collection wherever it is; an embedded one leaves no byte on disk."""
        for client in self._clients:
            if event_id in _event_ids(client):
                self._drop_from(client, event_id)

    def _drop_from(self, client: Any, event_id: str) -> None:
        collection_id = str(client.get_collection(collection_name(event_id)).id)
        segments = self._segment_ids(collection_id)
        client.delete_collection(collection_name(event_id))
        if self._path is not None:
            for segment in segments:
                shutil.rmtree(self._path / segment, ignore_errors=True)
            self._vacuum()

    def _segment_ids(self, collection_id: str) -> list[str]:
        if self._path is None:
            return []
        with contextlib.closing(self._sqlite()) as connection:
            rows = connection.execute(
                "SELECT id FROM segments WHERE collection = ?", (collection_id,)
            ).fetchall()
        return [str(row[0]) for row in rows]

    def _vacuum(self) -> None:
        with contextlib.closing(self._sqlite()) as connection:
            connection.execute("VACUUM")

    def _sqlite(self) -> sqlite3.Connection:
        assert self._path is not None
        return sqlite3.connect(
            self._path / "chroma.sqlite3", timeout=VACUUM_WAIT_SECONDS, isolation_level=None
        )


def _event_ids(client: Any) -> set[str]:
    names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
    prefix = collection_name("")
    return {name.removeprefix(prefix) for name in names if name.startswith(prefix)}
