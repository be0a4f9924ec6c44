"""Areas to cover, by meaning: a paraphrase counts, a general mention does not.

Each area of the question and each sentence of the answer become meaning vectors
(:mod:`coach.analysis.encoder`). An area is covered when a sentence of the story
(situation, task, action, result or lesson) is close enough in meaning, and that
sentence is shown as the evidence. An answer that describes a habit or a plan covers
nothing: saying "I always listen" is not having listened. The threshold was fitted on
labelled answers written by other authors than the areas (``benchmarks/areas_eval.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coach.analysis.encoder import encoder
from coach.analysis.star import COMPONENTS, FloatArray, StarReading
from coach.analysis.text import AnswerText

COVERED_SIMILARITY = 0.05
"""Cosine similarity of an area and its closest story sentence from which it counts."""

# Which part of a story says an area: the encoder knows what a sentence is about (an
# angry caller) better than what it does in the story (calming him), so "How you
# calmed him" is looked for among the actions, "How it ended" among the results.
_AREA_PARTS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (
        ("reflection",),
        re.compile(
            r"\b(lesson|learn(ed|t)? (from|about)|insight|takeaway|differently|"
            r"in future|next time|since then|do you .* now)\b"
        ),
    ),
    (
        ("result",),
        re.compile(
            r"\b(outcome|result|impact|reaction|react(ed)?|respon(se|ded)|satisf|"
            r"comprehension|effective|ended|turned out|came through|difference|"
            r"afterwards|in the end)\b"
        ),
    ),
    (
        ("situation", "task"),
        re.compile(
            r"\b(nature of|context|background|how busy|what (upset|went wrong)|"
            r"challenge faced|complexity)\b"
        ),
    ),
)
_ACTIONS = ("action", "task")


def parts_for(area: str) -> tuple[str, ...]:
    """The STAR parts whose sentences can cover ``area`` (actions unless it names
    an outcome, a lesson or the background)."""
    low = area.lower()
    for parts, pattern in _AREA_PARTS:
        if pattern.search(low):
            return parts
    return _ACTIONS


@dataclass(frozen=True, slots=True)
class AreaCoverage:
    area: str
    touched: bool
    evidence: str = ""
    """The sentence that covers the area (the closest one, even when not close enough)."""
    span: tuple[int, int] | None = None
    similarity: float | None = None


@lru_cache(maxsize=256)
def area_vectors(areas: tuple[str, ...]) -> FloatArray:
    return encoder().encode(list(areas))


def area_coverage(
    answer: AnswerText,
    areas: tuple[str, ...],
    reading: StarReading,
    *,
    tells_a_story: bool,
    threshold: float = COVERED_SIMILARITY,
) -> list[AreaCoverage]:
    if not areas:
        return []
    story = [i for i, label in enumerate(reading.labels) if label in COMPONENTS]
    if not tells_a_story or not story:
        return [AreaCoverage(area, False) for area in areas]
    similarity = area_vectors(areas) @ reading.vectors.T
    out: list[AreaCoverage] = []
    for area, row in zip(areas, similarity, strict=True):
        wanted = parts_for(area)
        candidates = [i for i in story if reading.labels[i] in wanted]
        if not candidates:
            out.append(AreaCoverage(area, False))
            continue
        best = max(candidates, key=lambda i: row[i])
        sentence = answer.sentences[best]
        out.append(
            AreaCoverage(
                area,
                bool(row[best] >= threshold),
                answer.sentence_text(sentence),
                (sentence.char_start, sentence.char_end),
                round(float(row[best]), 3),
            )
        )
    return out
