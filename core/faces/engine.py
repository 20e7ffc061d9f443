"""Detect, align and embed faces with the InsightFace models on ONNX Runtime.

One `FaceEngine` per process: sessions load lazily under a lock and are then shared
by every thread (ONNX Runtime's `run` is thread-safe). The recogniser is run over
all faces of a batch of photos at once, which is where most of the time goes.
How faces are found (small, tilted, sideways) is `core.detection`'s job.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import cv2
import numpy as np
from insightface.model_zoo import model_zoo
from insightface.utils.face_align import arcface_dst
from numpy.typing import NDArray
from skimage.transform import SimilarityTransform

from eventlens.core.faces.closer import closer_faces, wants_closer_look
from eventlens.core.faces.detection import Detection, DetectionPolicy, find_faces
from eventlens.core.faces.model_pack import ModelPack
from eventlens.core.faces.outfit import describe
from eventlens.core.faces.quality import quality_score, sharpness, yaw
from eventlens.core.faces.runtime import session_options
from eventlens.core.media.decode import DecodedImage

logger = logging.getLogger(__name__)

EMBEDDING_SIZE = 512
RECOGNISER_BATCH = 32


@dataclass(frozen=True)
class Face:
    """One face, in the coordinates of the original (upright) photo."""

    box: tuple[float, float, float, float]
    landmarks: NDArray[np.float32]
    det_score: float
    size_px: float
    sharpness: float
    quality: float
    embedding: NDArray[np.float32]
    outfit: NDArray[np.float32] | None = None  # below the face (core/faces/outfit.py)


# A selfie's first detection pass reads it at this long side (event photos: 960).
SELFIE_SIZE = 640


class FaceEngine:
    def __init__(
        self,
        pack: ModelPack,
        providers: Sequence[str],
        threads: int = 0,
        policy: DetectionPolicy | None = None,
    ) -> None:
        self.pack = pack
        self.policy = policy or DetectionPolicy()
        self._providers = list(providers)
        self._threads = threads
        self._lock = threading.Lock()
        self._detector: Any = None
        self._recognizer: Any = None

    def load(self) -> None:
        with self._lock:
            if self._detector is not None:
                return
            options = session_options(self._threads)
            # insightface 2.x builds a new fixed-shape ORT session for every input
            # size it meets; detection sizes vary per photo and per mosaic, so we
            # keep the one dynamic-shape session instead.
            detector = model_zoo.get_model(
                str(self.pack.detector),
                providers=self._providers,
                sess_options=options,
                static_shape_sessions=False,
            )
            recognizer = model_zoo.get_model(
                str(self.pack.recognizer), providers=self._providers, sess_options=options
            )
            detector.prepare(-1)
            self._recognizer = recognizer
            self._detector = detector
            logger.info("loaded model pack %s on %s", self.pack.name, self._providers)

    def analyze(self, image: DecodedImage) -> list[Face]:
        return self.analyze_many([image])[0]

    def analyze_selfie(self, image: DecodedImage) -> list[Face]:
        """A selfie's face is large: the first pass reads at most `SELFIE_SIZE` px (half
        the cost of an event photo's 960) and small faces get no closer look."""
        size = min(self.policy.base_size, SELFIE_SIZE)
        return self.analyze_many([image], replace(self.policy, base_size=size, closer=False))[0]

    def analyze_many(
        self, images: Sequence[DecodedImage], policy: DetectionPolicy | None = None
    ) -> list[list[Face]]:
        """Detect in each image, then embed every face of every image in batches."""
        looked = [self._look(image, policy or self.policy) for image in images]
        images = [image for image, _ in looked]
        detections = [found for _, found in looked]
        crops = [
            align(image.pixels, found.landmarks)
            for image, found_in_image in zip(images, detections, strict=True)
            for found in found_in_image
        ]
        embeddings = self.embed(crops)
        results: list[list[Face]] = []
        cursor = 0
        for image, found_in_image in zip(images, detections, strict=True):
            faces = []
            for found in found_in_image:
                faces.append(_to_face(image, found, crops[cursor], embeddings[cursor]))
                cursor += 1
            results.append(faces)
        return results

    def detect(self, image: DecodedImage, policy: DetectionPolicy | None = None) -> list[Detection]:
        self.load()
        return find_faces(self._detector, image.pixels, policy or self.policy)

    def _look(
        self, image: DecodedImage, policy: DetectionPolicy
    ) -> tuple[DecodedImage, list[Detection]]:
        """The faces, and the pixels to align them from: sharper ones for small faces."""
        found = self.detect(image, policy)
        if not policy.closer or image.sharper is None or not wants_closer_look(found):
            return image, found
        sharper = image.sharper()
        ratio = sharper.pixels.shape[1] / image.pixels.shape[1]
        return sharper, closer_faces(self._detector, sharper.pixels, found, ratio, policy)

    def embed(self, crops: Sequence[NDArray[np.uint8]]) -> NDArray[np.float32]:
        """L2-normalised 512-d embeddings of aligned 112x112 BGR crops."""
        self.load()
        if not crops:
            return np.zeros((0, EMBEDDING_SIZE), dtype=np.float32)
        chunks = [
            np.asarray(
                self._recognizer.get_feat(list(crops[i : i + RECOGNISER_BATCH])),
                dtype=np.float32,
            )
            for i in range(0, len(crops), RECOGNISER_BATCH)
        ]
        vectors = np.concatenate(chunks, axis=0)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.asarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


def align(pixels: NDArray[np.uint8], landmarks: NDArray[np.float32]) -> NDArray[np.uint8]:
    """Warp a face to the 112x112 ArcFace template from its five landmarks."""
    transform = SimilarityTransform.from_estimate(landmarks, arcface_dst)
    matrix = transform.params[0:2, :]
    return np.asarray(cv2.warpAffine(pixels, matrix, (112, 112), borderValue=0.0), dtype=np.uint8)


def _to_face(
    image: DecodedImage,
    found: Detection,
    crop: NDArray[np.uint8],
    embedding: NDArray[np.float32],
) -> Face:
    to_original = 1.0 / image.scale
    box = found.box * to_original
    size_px = float(min(box[2] - box[0], box[3] - box[1]))
    sharp = sharpness(crop)
    return Face(
        box=(float(box[0]), float(box[1]), float(box[2]), float(box[3])),
        landmarks=(found.landmarks * to_original).astype(np.float32),
        det_score=found.score,
        size_px=size_px,
        sharpness=sharp,
        quality=quality_score(found.score, size_px, sharp, yaw(found.landmarks)),
        embedding=embedding,
        outfit=describe(image.pixels, tuple(float(v) for v in found.box)),
    )
