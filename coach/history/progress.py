"""Trends over time for the progress screen: bucketed averages of each headline figure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.analysis.settings import AnalysisSettings
from coach.history.queries import ProgressPoint, when

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


def target_band(field: str, settings: AnalysisSettings | None = None) -> tuple[float, float]:
    """Where each figure should be (the default analysis settings' bands)."""
    s = settings or AnalysisSettings()
    return {
        "star_parts": (5.0, 5.0),
        "wpm": s.target_wpm,
        "fillers_per_min": (0.0, s.fillers_ok_per_min),
        "duration_s": s.green_s,
    }[field]


def band_text(field: str) -> str:
    low, high = target_band(field)
    if low == high:
        return f"{low:g}"
    return f"≤ {high:g}" if low == 0 else f"{low:g}–{high:g}"


def in_band(field: str, value: float) -> bool:
    low, high = target_band(field)
    return low - 0.05 <= value <= high + 0.05


def span(points: Sequence[ProgressPoint]) -> str:
    """``2026-11-01 → 2026-12-03``: the dates the trends run between."""
    if not points:
        return ""
    first, last = when(points[0].created_at)[:10], when(points[-1].created_at)[:10]
    return first if first == last else f"{first} → {last}"
