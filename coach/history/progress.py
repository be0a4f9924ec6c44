"""Trends over time for the progress screen: bucketed averages of each headline figure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.history.queries import ProgressPoint

FIELDS = {
    "star_parts": "STAR parts (of 5)",
    "wpm": "words per minute",
    "fillers_per_min": "fillers per minute",
    "duration_s": "length (s)",
}


@dataclass(frozen=True, slots=True)
class Trend:
    field: str
    label: str
    values: tuple[float, ...]
    """Averages of consecutive answers, oldest first (at most ``buckets`` of them)."""
    first: float | None
    last: float | None


def trend(points: Sequence[ProgressPoint], field: str, buckets: int = 40) -> Trend:
    values = [float(v) for p in points if (v := getattr(p, field)) is not None]
    if not values:
        return Trend(field, FIELDS[field], (), None, None)
    size = max(1, -(-len(values) // buckets))  # ceiling division
    averaged = tuple(
        sum(chunk) / len(chunk)
        for i in range(0, len(values), size)
        if (chunk := values[i : i + size])
    )
    return Trend(field, FIELDS[field], averaged, averaged[0], averaged[-1])


def trends(points: Sequence[ProgressPoint], buckets: int = 40) -> list[Trend]:
    return [trend(points, field, buckets) for field in FIELDS]
