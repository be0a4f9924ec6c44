"""STAR-completeness: which sentences tell the Situation, Task, Action, Result, Reflection.

1. Each sentence gets features (:mod:`star_features`): words, cue phrases, tense,
   pronouns, its place in the answer.
2. A small softmax classifier, trained at first use on example sentences we wrote
   (``data/star_sentences.tsv``, shipped in the package), scores each label.
3. Viterbi decoding over the answer's sentences prefers the order S→T→A→R→L and
   allows some backtracking (a candidate often returns to an action after a
   result), which fixes sentences the classifier alone gets wrong.

Runs in milliseconds on a CPU; no network, no language model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import numpy as np
import numpy.typing as npt

from coach.analysis.star_features import sentence_features

LABELS = ("situation", "task", "action", "result", "reflection", "other")
COMPONENTS = LABELS[:5]
COMPONENT_LETTERS = {"situation": "S", "task": "T", "action": "A", "result": "R", "reflection": "L"}
"""The mark each part gets on screen and in reports (L for the lesson learned)."""
_INDEX = {label: i for i, label in enumerate(LABELS)}

# Transition probabilities between consecutive sentences (rows: from, cols: to),
# in LABELS order. Forward moves are likely, staying is likely, going back is rare
# except result→action and reflection→result.
_TRANSITIONS = np.array(
    [
        # S     T     A     R     L     O
        [0.50, 0.20, 0.22, 0.03, 0.02, 0.03],  # from situation
        [0.06, 0.28, 0.55, 0.05, 0.03, 0.03],  # from task
        [0.03, 0.04, 0.63, 0.18, 0.10, 0.02],  # from action
        [0.02, 0.01, 0.13, 0.56, 0.24, 0.04],  # from result
        [0.02, 0.01, 0.04, 0.10, 0.79, 0.04],  # from reflection
        [0.35, 0.10, 0.22, 0.10, 0.08, 0.15],  # from other
    ]
)
_START = np.array([0.50, 0.08, 0.18, 0.07, 0.02, 0.15])

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    label: str
    text: str


def training_sentences() -> list[LabelledSentence]:
    """Our own example sentences, one ``label<TAB>sentence`` per line."""
    raw = files("coach.analysis").joinpath("data/star_sentences.tsv").read_text(encoding="utf-8")
    out: list[LabelledSentence] = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, _, text = line.partition("\t")
        if label not in _INDEX:
            raise ValueError(f"unknown STAR label {label!r} in star_sentences.tsv")
        out.append(LabelledSentence(label, text.strip()))
    return out


class SentenceClassifier:
    """Multinomial logistic regression over sparse features, trained by gradient descent."""

    def __init__(self, vocabulary: dict[str, int], weights: FloatArray) -> None:
        self.vocabulary = vocabulary
        self.weights = weights

    @classmethod
    def train(
        cls,
        examples: list[tuple[dict[str, float], str]],
        *,
        epochs: int = 300,
        rate: float = 0.5,
        l2: float = 1e-3,
    ) -> SentenceClassifier:
        vocabulary: dict[str, int] = {}
        for feats, _label in examples:
            for name in feats:
                vocabulary.setdefault(name, len(vocabulary))
        x = np.zeros((len(examples), len(vocabulary)))
        y = np.zeros((len(examples), len(LABELS)))
        for row, (feats, label) in enumerate(examples):
            for name, value in feats.items():
                x[row, vocabulary[name]] = value
            y[row, _INDEX[label]] = 1.0
        # Balance the classes so a rare label is not drowned out.
        class_weight = y.sum(axis=0).max() / np.maximum(y.sum(axis=0), 1.0)
        sample_weight = (y * class_weight).sum(axis=1, keepdims=True)
        weights = np.zeros((len(vocabulary), len(LABELS)))
        for _ in range(epochs):
            probs = _softmax(x @ weights)
            grad = x.T @ ((probs - y) * sample_weight) / len(examples) + l2 * weights
            weights -= rate * grad
        return cls(vocabulary, weights)

    def probabilities(self, feats: list[dict[str, float]]) -> FloatArray:
        # Sparse: a sentence has a few dozen features of thousands, so the scores are
        # summed from the features present (linear in the text, not sentences x vocabulary).
        rows, columns, values = [], [], []
        for row, sentence in enumerate(feats):
            for name, value in sentence.items():
                column = self.vocabulary.get(name)
                if column is not None:
                    rows.append(row)
                    columns.append(column)
                    values.append(value)
        scores = np.zeros((len(feats), self.weights.shape[1]))
        if rows:
            np.add.at(scores, np.array(rows), self.weights[columns] * np.array(values)[:, None])
        return _softmax(scores)


def _softmax(z: FloatArray) -> FloatArray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: FloatArray = e / e.sum(axis=1, keepdims=True)
    return out


def features_for(sentences: list[str]) -> list[dict[str, float]]:
    """Each sentence alone: where it stands in the answer is the decoder's job."""
    return [sentence_features(text) for text in sentences]


@lru_cache(maxsize=1)
def default_classifier() -> SentenceClassifier:
    """Trained once per process on the shipped sentences (tens of milliseconds)."""
    data = training_sentences()
    examples = [(sentence_features(s.text), s.label) for s in data]
    return SentenceClassifier.train(examples)


def decode(probs: FloatArray) -> list[str]:
    """The most likely label sequence given per-sentence probabilities (Viterbi)."""
    if len(probs) == 0:
        return []
    prior = np.full(len(LABELS), 1.0 / len(LABELS))
    emit = np.log(np.clip(probs, 1e-6, 1.0)) - np.log(prior)
    trans = np.log(_TRANSITIONS)
    score = np.log(_START) + emit[0]
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


def label_sentences(sentences: list[str]) -> tuple[list[str], FloatArray]:
    """Labels for the sentences of one answer, and the classifier's probabilities."""
    if not sentences:
        return [], np.zeros((0, len(LABELS)))
    probs = default_classifier().probabilities(features_for(sentences))
    return decode(probs), probs
