"""Selfie embeddings -> the photos of that person, one entry per photo, ranked.

Three rounds, each bounded by the number of matches, never by the event's size:

1. **Direct.** The enrolment template (the normalised mean of every selfie) and
   each selfie ask the event's collection for their nearest faces; k grows while
   the farthest neighbour is still plausible. A face scores its best similarity to any of them.
2. **Query expansion.** The `sure`, good-quality faces found are this guest as
   the event's cameras saw them (light, angle, resolution). Their mean, added to
   the template, asks again: faces too far from the selfie but close to the
   guest's event look now score high enough. The best of them also ask on their
   own, and a face that several of them find is `sure` (core/search/rerank.py).
3. **People.** A guest's seed faces point at their clusters (`core.people`). A
   cluster is followed only when it is tight (cohesion), its centroid resembles
   the template, and several of its faces already matched directly; its other
   faces then join as `maybe` (the guest confirms them).

A photo scores its best face. `sure` needs the similarity calibrated for the
face's quality (`Thresholds.sure_for`: a sharp frontal face needs less than a
small, blurred or turned one); everything else returned is `maybe`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.calibration import Thresholds
from eventlens.core.faces.quality import RELIABLE_QUALITY
from eventlens.core.search.hits import Hit, HitReader
from eventlens.core.search.outfits import Worn, dressed_alike
from eventlens.core.search.rerank import SEED_QUERIES, vouched
from eventlens.storage import photos as photo_rows
from eventlens.storage.people import PeopleStore
from eventlens.storage.photos import PhotoStore
from eventlens.storage.vectors import MAX_RESULTS, Neighbour, VectorStore

Tier = Literal["sure", "maybe"]
FIRST_K = 256
SEEDS = 24  # at most this many sure faces feed the expanded query
# A cluster is followed only when all of these hold:
CLUSTER_COHESION = 0.45  # members' mean similarity to their centroid
CLUSTER_SUPPORT = 0.3  # share of its faces that matched directly (at least 2)


@dataclass(frozen=True)
class Match:
    photo_id: str
    face_id: str
    score: float
    tier: Tier


@dataclass
class _Candidate:
    face_id: str
    photo_id: str
    score: float
    quality: float
    expanded: bool = False
    dressed: bool = False  # sure by the guest's outfit (core/search/outfits.py)


def _unit(vector: NDArray[np.float32]) -> NDArray[np.float32]:
    return np.asarray(vector / max(float(np.linalg.norm(vector)), 1e-12), dtype=np.float32)


def template(embeddings: Sequence[NDArray[np.float32]]) -> NDArray[np.float32]:
    """One vector for several selfies: their normalised mean."""
    return _unit(np.stack([_unit(e) for e in embeddings]).mean(axis=0))


def query_vectors(embeddings: Sequence[NDArray[np.float32]]) -> NDArray[np.float32]:
    """The template first, then each selfie when there are several."""
    vectors = [template(embeddings)]
    if len(embeddings) > 1:
        vectors += [_unit(e) for e in embeddings]
    return np.stack(vectors).astype(np.float32)


def nearest(
    vectors: VectorStore, event_id: str, queries: NDArray[np.float32], floor: float
) -> list[Neighbour]:
    """All neighbours of any query scoring at least `floor` (grown k, not fixed)."""
    k = FIRST_K
    while True:
        results = vectors.query(event_id, queries, k)
        exhausted = all(len(found) < k or found[-1].similarity < floor for found in results)
        if exhausted or k >= MAX_RESULTS:
            return [hit for found in results for hit in found if hit.similarity >= floor]
        k = min(k * 2, MAX_RESULTS)


def _merge(candidates: dict[str, _Candidate], hits: Sequence[Hit]) -> None:
    for hit in hits:
        known = candidates.get(hit.face_id)
        if known is None:
            candidates[hit.face_id] = _Candidate(
                hit.face_id, hit.photo_id, hit.similarity, hit.quality
            )
        elif hit.similarity > known.score:
            known.score = hit.similarity


def _seeds(candidates: dict[str, _Candidate], thresholds: Thresholds) -> list[_Candidate]:
    trusted = [
        c
        for c in candidates.values()
        if c.score >= thresholds.sure and c.quality >= RELIABLE_QUALITY
    ]
    return sorted(trusted, key=lambda c: -c.score)[:SEEDS]


async def _seed_queries(
    vectors: VectorStore,
    reader: HitReader,
    event_id: str,
    candidates: dict[str, _Candidate],
    found: Sequence[NDArray[np.float32]],
    thresholds: Thresholds,
) -> None:
    """Faces vouched for by several of the guest's sure faces (core/search/rerank.py)."""
    queries = np.stack(found[:SEED_QUERIES]).astype(np.float32)
    answers = await asyncio.to_thread(vectors.query, event_id, queries, FIRST_K)
    lowest = thresholds.lowest_sure()  # nothing below can be vouched for: not read
    kept = [[n for n in answer if n.similarity >= lowest] for answer in answers]
    await reader.read([n for answer in kept for n in answer])  # one lookup for all seeds
    hits = [await reader.read(answer) for answer in kept]
    seeds = {c.face_id for c in _seeds(candidates, thresholds)}
    for face in vouched(hits, seeds, thresholds):
        known = candidates.get(face.face_id)
        if known is None:
            candidates[face.face_id] = _Candidate(
                face.face_id, face.photo_id, face.score, face.quality
            )
        elif face.score > known.score:
            known.score = face.score


async def _through_people(
    people: PeopleStore,
    candidates: dict[str, _Candidate],
    base: NDArray[np.float32],
    thresholds: Thresholds,
) -> None:
    direct = {c.face_id: c for c in candidates.values() if c.score >= thresholds.sure}
    person_of = await people.of_faces(list(direct))
    votes: dict[str, int] = {}
    for face in direct:
        if face in person_of:
            votes[person_of[face]] = votes.get(person_of[face], 0) + 1
    summaries = await people.get([p for p, count in votes.items() if count >= 2])
    followed = [
        person.id
        for person in summaries.values()
        if person.cohesion >= CLUSTER_COHESION
        and float(person.centroid @ base) >= thresholds.sure
        and votes[person.id] >= CLUSTER_SUPPORT * person.face_count
    ]
    for person_id, members in (await people.members(followed)).items():
        centroid_score = float(summaries[person_id].centroid @ base)
        for face_id, photo_id in members:
            if face_id not in candidates:
                candidates[face_id] = _Candidate(face_id, photo_id, centroid_score, 0.0, True)


async def _by_outfit(
    photos: PhotoStore, candidates: dict[str, _Candidate], thresholds: Thresholds
) -> None:
    """`maybe` faces the guest's outfit vouches for (core/search/outfits.py)."""
    sure_photos = {c.photo_id for c in candidates.values() if _tier(c, thresholds) == "sure"}
    seeds = _seeds(candidates, thresholds)
    maybes = [
        c
        for c in candidates.values()
        if not c.expanded and c.photo_id not in sure_photos and c.score >= thresholds.outfit_face
    ]
    if not seeds or not maybes:
        return
    shown = await photos.many(sorted({c.photo_id for c in maybes}))
    ids = [photo_rows.face_id(p.id, i) for p in shown.values() for i in range(p.face_count)]
    records = await photos.faces(ids + [seed.face_id for seed in seeds])
    worn = {i: Worn(i, r.photo_id, r.outfit) for i, r in records.items()}
    by_photo: dict[str, list[Worn]] = {}
    for photo_id in shown:
        by_photo[photo_id] = [worn[i] for i in ids if i in worn and worn[i].photo_id == photo_id]
    promoted = dressed_alike(
        [replace(worn[c.face_id], score=c.score) for c in maybes if c.face_id in worn],
        [worn[seed.face_id] for seed in seeds if seed.face_id in worn],
        by_photo,
        thresholds.outfit,
        thresholds.outfit_face,
    )
    for candidate in maybes:
        candidate.dressed = candidate.face_id in promoted


def rank(candidates: Sequence[_Candidate], thresholds: Thresholds) -> list[Match]:
    """Best face per photo; sure photos first, each tier by score."""
    best: dict[str, _Candidate] = {}
    for candidate in candidates:
        known = best.get(candidate.photo_id)
        if known is None or (not candidate.expanded, candidate.score) > (
            not known.expanded,
            known.score,
        ):
            best[candidate.photo_id] = candidate
    matches = [
        Match(photo, c.face_id, round(c.score, 4), _tier(c, thresholds))
        for photo, c in best.items()
    ]
    matches.sort(key=lambda match: (match.tier != "sure", -match.score))
    return matches


def _tier(candidate: _Candidate, thresholds: Thresholds) -> Tier:
    if candidate.dressed:
        return "sure"
    needed = None if candidate.expanded else thresholds.sure_for(candidate.quality)
    return "sure" if needed is not None and candidate.score >= needed else "maybe"


async def search(
    vectors: VectorStore,
    photos: PhotoStore,
    people: PeopleStore,
    event_id: str,
    embeddings: Sequence[NDArray[np.float32]],
    thresholds: Thresholds,
) -> list[Match]:
    queries = query_vectors(embeddings)
    candidates: dict[str, _Candidate] = {}
    reader = HitReader(photos)
    direct = await asyncio.to_thread(nearest, vectors, event_id, queries, thresholds.maybe)
    _merge(candidates, await reader.read(direct))
    base = queries[0]
    seeds = _seeds(candidates, thresholds)
    if seeds:
        records = await photos.faces([seed.face_id for seed in seeds])
        found = [records[seed.face_id].embedding for seed in seeds if seed.face_id in records]
        if found:
            expanded = _unit(base + _unit(np.stack(found).mean(axis=0)))
            hits = await asyncio.to_thread(
                nearest, vectors, event_id, expanded[None, :], thresholds.maybe
            )
            _merge(candidates, await reader.read(hits))
            if thresholds.seed_support:
                await _seed_queries(vectors, reader, event_id, candidates, found, thresholds)
        await _through_people(people, candidates, base, thresholds)
        if thresholds.outfit:
            await _by_outfit(photos, candidates, thresholds)
    matches = rank(list(candidates.values()), thresholds)
    existing = await photos.existing([match.photo_id for match in matches])
    return [match for match in matches if match.photo_id in existing]
