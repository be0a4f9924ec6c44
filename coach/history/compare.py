"""Two takes of one question side by side: what changed in the words and the figures."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

from coach.analysis.feedback import star_marks
from coach.history.store import StoredAnswer

Op = Literal["same", "removed", "added"]


@dataclass(frozen=True, slots=True)
class MetricChange:
    name: str
    before: str
    after: str
    better: bool | None
    """True when the change is an improvement, False when worse, None when neutral."""


@dataclass(frozen=True, slots=True)
class TakeComparison:
    before: StoredAnswer
    after: StoredAnswer
    words: tuple[tuple[Op, str], ...]
    """The word-level diff from ``before`` to ``after``."""
    metrics: tuple[MetricChange, ...]


def word_diff(before: str, after: str) -> tuple[tuple[Op, str], ...]:
    a, b = before.split(), after.split()
    ops: list[tuple[Op, str]] = []
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in a], b=[w.lower() for w in b])
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("same", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("added", " ".join(b[j1:j2])))
    return tuple(ops)


def _number(value: float | None, unit: str) -> str:
    return (
        "—" if value is None else f"{value:.0f}{unit}" if unit != "/min" else f"{value:.1f}{unit}"
    )


def _better(before: float | None, after: float | None, lower_is_better: bool) -> bool | None:
    if before is None or after is None or abs(after - before) < 1e-9:
        return None
    return (after < before) == lower_is_better


def _off_pace(wpm: float | None) -> float | None:
    """Distance from the middle of a comfortable pace: closer is better."""
    return None if wpm is None else abs(wpm - 145.0)


def compare_takes(before: StoredAnswer, after: StoredAnswer) -> TakeComparison:
    metrics = (
        MetricChange(
            "STAR",
            star_marks(before.feedback),
            star_marks(after.feedback),
            _better(before.star_parts, after.star_parts, lower_is_better=False),
        ),
        MetricChange(
            "pace",
            _number(before.wpm, " wpm"),
            _number(after.wpm, " wpm"),
            _better(_off_pace(before.wpm), _off_pace(after.wpm), lower_is_better=True),
        ),
        MetricChange(
            "fillers",
            _number(before.fillers_per_min, "/min"),
            _number(after.fillers_per_min, "/min"),
            _better(before.fillers_per_min, after.fillers_per_min, lower_is_better=True),
        ),
        MetricChange(
            "length",
            _number(before.duration_s, " s"),
            _number(after.duration_s, " s"),
            None,
        ),
    )
    return TakeComparison(before, after, word_diff(before.transcript, after.transcript), metrics)
