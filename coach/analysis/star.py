"""STAR-completeness: which sentences tell the Situation, Task, Action, Result, Reflection.

1. Each sentence becomes a vector: what it means (a pretrained sentence encoder,
   :mod:`coach.analysis.encoder`) and a few cues a reader would use (cue phrases,
   tense, I/we; :mod:`star_features`).
2. A softmax head over that vector scores each label. It was fitted offline on
   labelled answers from several authors (``scripts/train_star.py``,
   ``training/star/``) and ships as ``data/star_model.json`` with a version that
   every saved feedback keeps. Nothing is trained when coach runs.
3. Viterbi decoding over the answer's sentences, with start and transition
   probabilities counted from labelled stories, prefers the order a story is told
   in and still lets a result come first or an action follow a result.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

import numpy as np
import numpy.typing as npt

from coach.analysis.encoder import DIMENSION, MODEL_ID, encoder
from coach.analysis.star_features import DENSE_NAMES, dense_features

LABELS = ("situation", "task", "action", "result", "reflection", "other")
COMPONENTS = LABELS[:5]
COMPONENT_LETTERS = {"situation": "S", "task": "T", "action": "A", "result": "R", "reflection": "L"}
"""The mark each part gets on screen and in reports (L for the lesson learned)."""

FloatArray = npt.NDArray[np.float64]
FEATURES = DIMENSION + len(DENSE_NAMES) + 1
"""Sentence vector, cue features, and a constant 1 for the bias."""


@dataclass(frozen=True)
class StarModel:
    version: str
    weights: FloatArray
    """(FEATURES, labels)."""
    scale: FloatArray
    """Per-feature multipliers fitted with the weights (unit variance on the training data)."""
    flow: FloatArray
    """Row 0: start probabilities; row 1 + i: transitions from label i."""
    story: FloatArray
    """(FEATURES, 2): is a sentence part of a told past event (1) or a general one (0)?"""

    def probabilities(self, x: FloatArray) -> FloatArray:
        return _softmax(x @ self.weights)

    def told(self, x: FloatArray) -> FloatArray:
        """For each sentence, the probability that it tells a past event."""
        out: FloatArray = _softmax(x @ self.story)[:, 1]
        return out

    def to_json(self, **about: Any) -> str:
        return json.dumps(
            {
                "version": self.version,
                "encoder": MODEL_ID,
                "labels": list(LABELS),
                "features": ["encoder", *DENSE_NAMES, "bias"],
                **about,
                "scale": [round(float(v), 6) for v in self.scale],
                "flow": [[round(float(v), 6) for v in row] for row in self.flow],
                "weights": [[round(float(v), 6) for v in row] for row in self.weights],
                "story": [[round(float(v), 6) for v in row] for row in self.story],
            },
            indent=0,
        )

    @classmethod
    def from_json(cls, text: str) -> StarModel:
        data = json.loads(text)
        expected = ["encoder", *DENSE_NAMES, "bias"]
        if data.get("labels") != list(LABELS) or data.get("features") != expected:
            raise ValueError("the STAR model was fitted for other labels or features")
        if data.get("encoder") != MODEL_ID:
            raise ValueError(f"the STAR model was fitted on {data.get('encoder')!r}")
        weights = np.array(data["weights"], dtype=np.float64)
        scale = np.array(data["scale"], dtype=np.float64)
        flow = np.array(data["flow"], dtype=np.float64)
        story = np.array(data["story"], dtype=np.float64)
        if (
            weights.shape != (FEATURES, len(LABELS))
            or story.shape != (FEATURES, 2)
            or scale.shape != (FEATURES,)
            or flow.shape != (len(LABELS) + 1, len(LABELS))
        ):
            raise ValueError("the STAR model's arrays have the wrong shape")
        return cls(str(data["version"]), weights, scale, flow, story)


def _softmax(z: FloatArray) -> FloatArray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: FloatArray = e / e.sum(axis=1, keepdims=True)
    return out


def sentence_matrix(
    sentences: list[str], scale: FloatArray | None
) -> tuple[FloatArray, FloatArray]:
    """The model's input for each sentence, and the scale used (fitted when ``None``)."""
    vectors = encoder().encode(sentences)
    cues = np.array([dense_features(s) for s in sentences], dtype=np.float64)
    cues = cues.reshape(len(sentences), len(DENSE_NAMES))
    x = np.hstack([vectors, cues, np.ones((len(sentences), 1))])
    if scale is None:
        spread = x.std(axis=0)
        scale = np.where(spread > 1e-9, 1.0 / np.maximum(spread, 1e-9), 1.0)
        scale[-1] = 1.0
    return x * scale, scale


@lru_cache(maxsize=1)
def shipped_model() -> StarModel:
    """The fitted model in the package (read once; never trained here)."""
    return StarModel.from_json(
        files("coach.analysis").joinpath("data/star_model.json").read_text(encoding="utf-8")
    )


def decode(probs: FloatArray, flow: FloatArray) -> list[str]:
    """The most likely label sequence given per-sentence probabilities (Viterbi)."""
    if len(probs) == 0:
        return []
    # The head was fitted with balanced classes, so its outputs are likelihoods up to a
    # constant: the label frequencies come from the start and transition rows.
    emit = np.log(np.clip(probs, 1e-6, 1.0))
    trans = np.log(flow[1:])
    score = np.log(flow[0]) + emit[0]
    back: list[npt.NDArray[np.int64]] = []
    for row in emit[1:]:
        candidates = score[:, None] + trans
        best = candidates.argmax(axis=0)
        back.append(best)
        score = candidates[best, np.arange(len(LABELS))] + row
    path = [int(score.argmax())]
    for pointers in reversed(back):
        path.append(int(pointers[path[-1]]))
    return [LABELS[i] for i in reversed(path)]


@dataclass(frozen=True)
class StarReading:
    labels: list[str]
    probabilities: FloatArray
    told: FloatArray
    """Per sentence: the probability it tells a past event rather than a habit or a plan."""
    vectors: FloatArray
    """Per sentence: its unit-length meaning vector from the encoder."""


MAX_SENTENCES = 400
"""About 25 minutes of speech: sentences past this are not read for STAR (an imported
transcript of a megabyte would otherwise hold the screen for half a minute)."""


def read_sentences(sentences: list[str], model: StarModel | None = None) -> StarReading:
    """Labels for the sentences of one answer, the head's probabilities, and how told
    each sentence is."""
    if len(sentences) > MAX_SENTENCES:
        head = read_sentences(sentences[:MAX_SENTENCES], model)
        rest = len(sentences) - MAX_SENTENCES
        other = np.zeros((rest, len(LABELS)))
        other[:, LABELS.index("other")] = 1.0
        return StarReading(
            head.labels + ["other"] * rest,
            np.vstack([head.probabilities, other]),
            np.concatenate([head.told, np.zeros(rest)]),
            np.vstack([head.vectors, np.zeros((rest, DIMENSION))]),
        )
    if not sentences:
        return StarReading([], np.zeros((0, len(LABELS))), np.zeros(0), np.zeros((0, DIMENSION)))
    model = model or shipped_model()
    x, _scale = sentence_matrix(sentences, model.scale)
    probs = model.probabilities(x)
    vectors = x[:, :DIMENSION] / model.scale[:DIMENSION]
    labels = _rescue_endings(decode(probs, model.flow), probs)
    return StarReading(labels, probs, model.told(x), vectors)


RESCUE_PROBABILITY = 0.25
"""A result or a lesson the decoder passed over is restored from this probability: a
✗ on the result sends a candidate to add one, so a missed outcome costs more than a
sentence wrongly marked as one."""


def _rescue_endings(labels: list[str], probs: FloatArray) -> list[str]:
    """After the first action, the likeliest sentence for a missing result (then a
    missing lesson) takes that label when the head gave it at least
    :data:`RESCUE_PROBABILITY`, unless it is the only action."""
    if "action" not in labels:
        return labels
    out = list(labels)
    first_action = out.index("action")
    for part in ("result", "reflection"):
        if part in out:
            continue
        column = LABELS.index(part)
        candidates = [
            i
            for i in range(first_action + 1, len(out))
            if out[i] not in ("result", "reflection") and probs[i, column] >= RESCUE_PROBABILITY
        ]
        if candidates:
            best = max(candidates, key=lambda i: probs[i, column])
            if out[best] != "action" or out.count("action") > 1:
                out[best] = part
    return out


def label_sentences(
    sentences: list[str], model: StarModel | None = None
) -> tuple[list[str], FloatArray]:
    """Labels for the sentences of one answer, and the head's probabilities."""
    reading = read_sentences(sentences, model)
    return reading.labels, reading.probabilities
