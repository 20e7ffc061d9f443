"""A photo's culling verdict, computed once at indexing time so culling costs nothing later.

Per photo: sharpness, exposure and a perceptual hash (core/culling/measures.py).
Per face big enough to judge: blurred (the aligned crop's sharpness, already
measured for matching) and eyes open (core/faces/eyes.py: screened on the
detector's eye centres, the 106-point model run only on doubtful eyes). Small
faces in a crowd are neither: too few pixels to tell a blink from a squint.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eventlens.core.culling.measures import PhotoMeasures, measure
from eventlens.core.faces.engine import Face
from eventlens.core.faces.eyes import (
    CLOSED_BELOW,
    DOUBTFUL_BELOW,
    LandmarkModel,
    eyes_open,
    screen,
)
from eventlens.core.media.decode import DecodedImage

# Faces narrower than this (in decoded pixels) are not judged.
JUDGED_FACE_PX = 48.0
# Sharpness of the 112x112 aligned crop (core/faces/quality.py) under which a face is blurred.
BLURRED_FACE = 30.0


@dataclass(frozen=True)
class FaceVerdict:
    index: int  # the face's index in its photo
    blurred: bool
    eyes: float | None  # openness (core/faces/eyes.py); None when not judged

    @property
    def eyes_closed(self) -> bool:
        return self.eyes is not None and self.eyes < CLOSED_BELOW

    @property
    def flawed(self) -> bool:
        return self.blurred or self.eyes_closed


@dataclass(frozen=True)
class Assessment:
    measures: PhotoMeasures
    taken_at: float | None
    faces: tuple[FaceVerdict, ...]


class Assessor:
    def __init__(self, landmarks: LandmarkModel | None) -> None:
        self._landmarks = landmarks

    def load(self) -> None:
        if self._landmarks is not None:
            self._landmarks.load()

    def assess(
        self, image: DecodedImage, faces: Sequence[Face], taken_at: float | None
    ) -> Assessment:
        """Blocking: the landmark model runs once, over the photo's doubtful faces."""
        scale = image.scale
        judged = [
            index
            for index, face in enumerate(faces)
            if min(face.box[2] - face.box[0], face.box[3] - face.box[1]) * scale >= JUDGED_FACE_PX
        ]
        eyes = {index: screen(image.pixels, faces[index].landmarks * scale) for index in judged}
        doubtful = [index for index in judged if eyes[index] < DOUBTFUL_BELOW]
        if self._landmarks is not None and doubtful:
            boxes = [
                (
                    faces[i].box[0] * scale,
                    faces[i].box[1] * scale,
                    faces[i].box[2] * scale,
                    faces[i].box[3] * scale,
                )
                for i in doubtful
            ]
            points = self._landmarks.points(image.pixels, boxes)
            for index, found in zip(doubtful, points, strict=True):
                eyes[index] = eyes_open(image.pixels, found)
        verdicts = tuple(
            FaceVerdict(
                index,
                blurred=index in judged and faces[index].sharpness < BLURRED_FACE,
                eyes=eyes.get(index),
            )
            for index in range(len(faces))
        )
        return Assessment(measure(image.pixels), taken_at, verdicts)
