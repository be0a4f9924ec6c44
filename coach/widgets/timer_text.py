"""The answer timer's words and colour: where a running answer stands against its target."""

from __future__ import annotations

from coach.analysis import AnalysisSettings


def live_band(seconds: float, settings: AnalysisSettings) -> tuple[str, str]:
    """Where a running answer stands against the target length, and its tone
    (``good``, ``warn``, ``bad`` or ``""``) for the palette to colour.

    Neutral until the answer could be long enough, so the timer never nags at the start.
    """
    green, amber = settings.green_s, settings.amber_s
    if seconds < amber[0]:
        return f"aim for {green[0]:.0f}–{green[1]:.0f} s", ""
    if seconds < green[0]:
        return "almost long enough", "warn"
    if seconds <= green[1]:
        return "good length", "good"
    if seconds <= amber[1]:
        return "time to wrap up", "warn"
    return "too long", "bad"
