"""Fitting the STAR model offline: labelled answers in, a weights file out.

Never imported when coach analyses an answer: ``scripts/train_star.py`` fits the
shipped model once and ``benchmarks/star_eval.py`` fits one per fold to measure it
on answers it has not seen. The file format of the labelled answers is described in
``training/star/README.md``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from coach.analysis.star import LABELS, FloatArray, StarModel, sentence_matrix

LETTERS = {"S": "situation", "T": "task", "A": "action", "R": "result", "L": "reflection"}
LETTERS["O"] = "other"
_INDEX = {label: i for i, label in enumerate(LABELS)}


@dataclass
class LabelledAnswer:
    id: str
    source: str
    gap: str
    specific: bool
    question: str = ""
    sentences: list[tuple[str, str]] = field(default_factory=list)
    """(label, sentence) in the order spoken."""

    @property
    def text(self) -> str:
        return " ".join(sentence for _label, sentence in self.sentences)

    def present(self, part: str) -> bool:
        """What the feedback should show: no part counts in an answer that is not a
        specific example (the rule the checklist follows)."""
        return self.specific and any(label == part for label, _s in self.sentences)


def load_answers(path: Path, source: str | None = None) -> list[LabelledAnswer]:
    """Answers from one file: ``## id | gap | specific|generic``, ``Q: question``, then
    ``S: sentence`` lines (S, T, A, R, L or O)."""
    source = source or path.stem
    answers: list[LabelledAnswer] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("# "):
            continue
        if line.startswith("## "):
            ident, gap, kind = (part.strip() for part in line[3:].split("|"))
            answers.append(LabelledAnswer(ident, source, gap, kind == "specific"))
        elif line.startswith("Q:"):
            answers[-1].question = line[2:].strip()
        else:
            letter, _, sentence = line.partition(":")
            if letter.strip() not in LETTERS or not answers:
                raise ValueError(f"{path}:{number}: expected 'S: sentence' (S T A R L O)")
            answers[-1].sentences.append((LETTERS[letter.strip()], sentence.strip()))
    return answers


def load_loose_sentences(path: Path) -> list[tuple[str, str]]:
    """(label, sentence) pairs with no answer around them (``label<TAB>sentence``)."""
    out: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, _, text = line.partition("\t")
            if label not in _INDEX:
                raise ValueError(f"unknown STAR label {label!r} in {path}")
            out.append((label, text.strip()))
    return out


def fit_softmax(
    x: FloatArray,
    y: Sequence[int],
    *,
    classes: int = len(LABELS),
    l2: float = 1e-2,
    epochs: int = 400,
) -> FloatArray:
    """Multinomial logistic regression, classes balanced, by Adam on the full batch."""
    targets = np.zeros((len(y), classes))
    targets[np.arange(len(y)), list(y)] = 1.0
    counts = targets.sum(axis=0)
    class_weight = counts.max() / np.maximum(counts, 1.0)
    sample_weight = (targets * class_weight).sum(axis=1, keepdims=True)
    sample_weight /= sample_weight.mean()
    weights = np.zeros((x.shape[1], classes))
    m = np.zeros_like(weights)
    v = np.zeros_like(weights)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        scores = x @ weights
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(axis=1, keepdims=True)
        grad = x.T @ ((probs - targets) * sample_weight) / len(y) + l2 * weights
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        weights -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + 1e-8)
    return weights


def fit_transitions(answers: Iterable[LabelledAnswer], alpha: float = 1.0) -> FloatArray:
    """Start (row 0) and transition (rows 1..) probabilities counted from told stories."""
    counts = np.full((len(LABELS) + 1, len(LABELS)), alpha)
    for answer in answers:
        previous = -1
        for label, _sentence in answer.sentences:
            counts[previous + 1, _INDEX[label]] += 1
            previous = _INDEX[label]
    out: FloatArray = counts / counts.sum(axis=1, keepdims=True)
    return out


def fit_model(
    answers: Sequence[LabelledAnswer],
    loose: Sequence[tuple[str, str]] = (),
    *,
    version: str = "unversioned",
    l2: float = 1e-2,
) -> StarModel:
    sentences = [s for a in answers for _l, s in a.sentences] + [s for _l, s in loose]
    labels = [_INDEX[label] for a in answers for label, _s in a.sentences]
    labels += [_INDEX[label] for label, _s in loose]
    x, scale = sentence_matrix(sentences, scale=None)
    weights = fit_softmax(x, labels, l2=l2)
    # Transitions come from specific stories only: a habit list is not a story's order.
    flow = fit_transitions(a for a in answers if a.specific)
    # Told or general: the story sentences of specific answers against the sentences of
    # habits and plans (a lesson or an aside is general in either, so neither is used).
    rows, told = [], []
    row = 0
    for answer in answers:
        for label, _sentence in answer.sentences:
            if label in ("situation", "task", "action", "result"):
                rows.append(row)
                told.append(1 if answer.specific else 0)
            row += 1
    story = fit_softmax(x[rows], told, classes=2, l2=l2)
    return StarModel(version=version, weights=weights, scale=scale, flow=flow, story=story)


def data_digest(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
