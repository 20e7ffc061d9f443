"""The systems `bench/accuracy.py` compares EventLens with, run in-process.

- naive: the face core as it was first built (one 640-px detection pass at 0.5),
  one selfie, one cosine threshold, no expansion. The threshold is 0.35, the
  middle of the 0.30-0.40 window where buffalo_s made no mistake on the 300
  labelled pairs of deepface's master.csv: what one would pick without this
  issue's work.
- face_recognition (dlib HOG detector + ResNet encoder) at its documented
  default tolerance 0.6 (no upsampling above 3000 px, else 1 as by default),
  when the package is installed: `pip install -e ".[bench]"`
  (prebuilt dlib-bin and the models), then `pip install --no-deps face-recognition`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.synthetic_event import EventPhoto
from eventlens.core.errors import EventLensError
from eventlens.core.faces.detection import SINGLE_PASS
from eventlens.core.faces.engine import FaceEngine
from eventlens.core.faces.selfie import faces_in_selfie, subject
from eventlens.core.media.decode import decode_image

NAIVE_THRESHOLD = 0.35
DLIB_TOLERANCE = 0.6
LARGE_PHOTO = 3000  # px; above it the peer's HOG detector does not upsample

Finder = Callable[[list[Path]], set[str]]


def naive(engine: FaceEngine, event: list[EventPhoto]) -> Finder:
    """Index the event with the single-pass detector; return a one-selfie finder."""
    single = FaceEngine(engine.pack, ["CPUExecutionProvider"], policy=SINGLE_PASS)
    single.load()
    faces = {photo.name: single.analyze(decode_image(photo.jpeg)) for photo in event}
    vectors = {
        name: np.stack([face.embedding for face in found]) for name, found in faces.items() if found
    }

    def find(selfies: list[Path]) -> set[str]:
        try:
            query = subject(faces_in_selfie(single, selfies[0].read_bytes())).embedding
        except EventLensError:
            return set()
        return {
            name
            for name, found in vectors.items()
            if float((found @ query).max()) >= NAIVE_THRESHOLD
        }

    return find


def dlib_available() -> bool:
    return importlib.util.find_spec("face_recognition") is not None


def dlib_peer(event: list[EventPhoto], folder: Path) -> Finder:
    import face_recognition

    encodings = {}
    for photo in event:
        image = face_recognition.load_image_file(str(folder / photo.name))
        # its default upsamples once: on camera-size photos that is hours of HOG on 2 cores
        upsample = 0 if max(image.shape[:2]) > LARGE_PHOTO else 1
        locations = face_recognition.face_locations(image, upsample)
        found = face_recognition.face_encodings(image, locations)
        if found:
            encodings[photo.name] = np.stack(found)

    def find(selfies: list[Path]) -> set[str]:
        image = face_recognition.load_image_file(str(selfies[0]))
        query = face_recognition.face_encodings(image)
        if not query:
            return set()
        return {
            name
            for name, found in encodings.items()
            if float(np.linalg.norm(found - query[0], axis=1).min()) <= DLIB_TOLERANCE
        }

    return find
