from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from eventlens.core.faces.calibration import Thresholds
from eventlens.core.search.feedback import penalised
from eventlens.core.search.matches import Match

THRESHOLDS = Thresholds(sure=0.40, maybe=0.28)


def _unit(*weights: float) -> NDArray[np.float32]:
    vector = np.zeros(512, dtype=np.float32)
    vector[: len(weights)] = weights
    return vector / np.linalg.norm(vector)


# Axis 0: the guest. Axis 1: a look-alike. Axis 2+: noise.
GUEST_PHOTO = _unit(0.8, 0.2, 0.55)
LOOKALIKE_REJECTED = _unit(0.35, 0.9, 0.2)
LOOKALIKE_AGAIN = _unit(0.3, 0.9, 0.0, 0.3)


def _matches() -> list[Match]:
    selfie = _unit(1.0)
    return [
        Match("guest-photo", "g", round(float(selfie @ GUEST_PHOTO), 4), "sure"),
        Match("lookalike-photo", "l", round(float(selfie @ LOOKALIKE_AGAIN), 4), "maybe"),
    ]


def test_the_lookalikes_other_photos_drop_out_and_the_guests_stay() -> None:
    embeddings = {"g": GUEST_PHOTO, "l": LOOKALIKE_AGAIN}

    kept = penalised(_matches(), embeddings, [LOOKALIKE_REJECTED], THRESHOLDS)

    assert [match.photo_id for match in kept] == ["guest-photo"]
    assert kept[0].score == _matches()[0].score
    assert kept[0].tier == "sure"


def test_without_feedback_nothing_changes() -> None:
    embeddings = {"g": GUEST_PHOTO, "l": LOOKALIKE_AGAIN}
    assert penalised(_matches(), embeddings, [], THRESHOLDS) == _matches()


def test_a_mistaken_not_me_on_another_shot_of_the_guest_costs_little() -> None:
    other_shot_of_guest = _unit(0.7, 0.1, 0.3, 0.6)
    embeddings = {"g": GUEST_PHOTO, "l": LOOKALIKE_AGAIN}

    kept = penalised(_matches(), embeddings, [other_shot_of_guest], THRESHOLDS)

    guest = next(match for match in kept if match.photo_id == "guest-photo")
    assert guest.tier == "sure"
    assert guest.score > 0.6


def test_a_weakened_sure_match_becomes_maybe() -> None:
    candidate = _unit(0.45, 0.6, 0.66)
    rejected = _unit(0.0, 0.6, 0.0, 0.4)
    match = Match("p", "c", round(float(_unit(1.0) @ candidate), 4), "sure")

    (kept,) = penalised([match], {"c": candidate}, [rejected], THRESHOLDS)

    assert THRESHOLDS.maybe <= kept.score < THRESHOLDS.sure
    assert kept.tier == "maybe"
