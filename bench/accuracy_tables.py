"""The tables `bench/accuracy.py` prints: per guest, per system, per cue, and the sure curve."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float


@dataclass(frozen=True)
class Ranked:
    """One guest's returned photos with their scores, and the photos they are in."""

    scores: dict[str, float]
    truth: set[str]


def score(returned: set[str], truth: set[str]) -> Score:
    hits = len(returned & truth)
    return Score(hits / len(returned) if returned else 1.0, hits / len(truth) if truth else 1.0)


def pooled(scores: dict[str, Score], truth: dict[str, set[str]]) -> tuple[float, float, str]:
    """Mean precision, mean recall and the worst guest (lowest recall)."""
    names = sorted(truth)
    mean_p = sum(scores[n].precision for n in names) / len(names)
    mean_r = sum(scores[n].recall for n in names) / len(names)
    worst = min(names, key=lambda n: (scores[n].recall, scores[n].precision))
    return mean_p, mean_r, worst


def per_guest(
    rows: list[tuple[str, dict[str, Score]]], truth: dict[str, set[str]], notes: dict[str, str]
) -> None:
    print(
        f"{'guest':<26}{'selfie':>8}{'photos':>7}" + "".join(f"{lab[:20]:>22}" for lab, _ in rows)
    )
    for name in sorted(truth):
        cells = "".join(
            f"{f'P {s[name].precision:.3f} R {s[name].recall:.3f}':>22}" for _, s in rows
        )
        print(f"{name[:25]:<26}{notes.get(name, ''):>8}{len(truth[name]):>7}{cells}")


def systems(rows: list[tuple[str, dict[str, Score]]], truth: dict[str, set[str]]) -> None:
    print(f"{'system':<40}{'mean P':>8}{'mean R':>8}   worst guest (P, R)")
    for label, scores in rows:
        mean_p, mean_r, worst = pooled(scores, truth)
        print(
            f"{label:<40}{mean_p:>8.3f}{mean_r:>8.3f}   {worst} "
            f"({scores[worst].precision:.3f}, {scores[worst].recall:.3f})"
        )


def curve(ranked: dict[str, Ranked], cuts: Sequence[float]) -> None:
    """Precision and recall of a `sure` tier that were one similarity cut, pooled and worst."""
    print(f"{'cut':>6}{'pooled P':>10}{'mean R':>8}{'worst R':>9}")
    for cut in cuts:
        kept = {n: {p for p, s in r.scores.items() if s >= cut} for n, r in ranked.items()}
        hits = sum(len(kept[n] & r.truth) for n, r in ranked.items())
        returned = sum(len(kept[n]) for n in ranked)
        recalls = [score(kept[n], r.truth).recall for n, r in ranked.items()]
        precision = hits / returned if returned else 1.0
        print(
            f"{cut:>6.2f}{precision:>10.4f}{sum(recalls) / len(recalls):>8.3f}{min(recalls):>9.3f}"
        )
