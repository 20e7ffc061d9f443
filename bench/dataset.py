"""Labelled identities from `../shared/datasets`, split into selfies and event sources.

- deepface: identities are the connected components of the "Yes" pairs of
  `master.csv` (union-find); photos never named in a pair have no label and are
  left out (several show the same people as labelled ones, so they cannot be
  used as strangers either).
- face_recognition: `train/<person>/` folders, plus the single-person photos of
  `test/` whose subject is known from the file name; the two real group photos
  of `test/` go into the event whole, labelled with both people.
- any extra `--people-dir DIR` laid out as `DIR/<person>/*.jpg`.

Selfies are drawn per person before anything else and never enter the event.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
# test/ photos of face_recognition: file -> the people in it (left to right).
FACE_RECOGNITION_TEST = {
    "alex_lacamoire1.jpg": ("alex_lacamoire",),
    "johnsnow_test1.jpg": ("kit_harington",),  # Kit Harington plays Jon Snow
    "obama1.jpg": ("obama",),
    "kit_with_rose.jpg": ("rose_leslie", "kit_harington"),
    "obama_and_biden.jpg": ("obama", "biden"),  # a third, unknown man stands right
}


@dataclass
class Person:
    name: str
    photos: list[Path] = field(default_factory=list)
    selfies: list[Path] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class GroupPhoto:
    """A real photo of several labelled people, used in the event as it is."""

    path: Path
    people: tuple[str, ...]


@dataclass
class Dataset:
    people: dict[str, Person]
    group_photos: list[GroupPhoto]


def _deepface(root: Path) -> dict[str, list[Path]]:
    parent: dict[str, str] = {}

    def find(name: str) -> str:
        parent.setdefault(name, name)
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    with (root / "master.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            left, right = find(row["file_x"]), find(row["file_y"])
            if row["Decision"].strip().lower() == "yes":
                parent[left] = right
    groups: dict[str, list[Path]] = {}
    for name in sorted(parent):
        groups.setdefault(find(name), []).append(root / name)
    return {f"deepface-{min(p.stem for p in paths)}": paths for paths in groups.values()}


def _folders(root: Path, prefix: str) -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        photos = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        if photos:
            found[f"{prefix}{folder.name}"] = photos
    return found


def load(shared: Path, extra_dirs: list[Path], selfies_per_person: int, seed: int) -> Dataset:
    photos: dict[str, list[Path]] = {}
    group_photos: list[GroupPhoto] = []
    deepface = shared / "deepface"
    if (deepface / "master.csv").is_file():
        photos.update(_deepface(deepface))
    recognition = shared / "face_recognition"
    if (recognition / "train").is_dir():
        photos.update(_folders(recognition / "train", "fr-"))
        for name, shown in FACE_RECOGNITION_TEST.items():
            path = recognition / "test" / name
            if not path.is_file():
                continue
            if len(shown) == 1:
                photos.setdefault(f"fr-{shown[0]}", []).append(path)
            else:
                group_photos.append(GroupPhoto(path, tuple(f"fr-{p}" for p in shown)))
    for index, extra in enumerate(extra_dirs):
        photos.update(_folders(extra, f"x{index}-"))
    rng = random.Random(seed)
    people: dict[str, Person] = {}
    for name, paths in sorted(photos.items()):
        shuffled = sorted(paths)
        rng.shuffle(shuffled)
        person = Person(name, shuffled)
        if len(shuffled) >= 2:  # one photo alone cannot be both selfie and event
            count = max(1, min(selfies_per_person, len(shuffled) // 3))
            person.selfies, person.sources = shuffled[:count], shuffled[count:]
        else:
            person.sources = shuffled
        people[name] = person
    return Dataset(people, group_photos)
