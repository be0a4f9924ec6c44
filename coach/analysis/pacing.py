"""Speaking rate, articulation rate, rate over time, answer length, opening latency."""

from __future__ import annotations

from dataclasses import dataclass

from coach.analysis.pauses import Pause
from coach.analysis.settings import AnalysisSettings
from coach.analysis.text import AnswerText, Token


@dataclass(frozen=True, slots=True)
class RateWindow:
    start: float
    end: float
    wpm: float


@dataclass(frozen=True, slots=True)
class Stretch:
    start: float
    end: float
    kind: str
    """'too_slow' or 'too_fast'."""
    wpm: float


@dataclass(frozen=True, slots=True)
class Pacing:
    word_count: int
    wpm: float | None
    """Words ÷ time from the first word's start to the last word's end."""
    articulation_wpm: float | None
    """Words ÷ time actually speaking (pauses of ``pause_min_s`` or more removed)."""
    rate_over_time: tuple[RateWindow, ...]
    stretches: tuple[Stretch, ...]
    duration_s: float | None
    length_band: str | None
    """'green', 'amber' or 'red' against the target band; None without timings."""
    opening_latency_s: float | None
    pace_band: str | None
    """'target', 'fine', 'slow' or 'fast'."""


def _timed(tokens: tuple[Token, ...]) -> list[Token]:
    return [t for t in tokens if t.start is not None and t.end is not None]


def words_per_minute(count: int, seconds: float) -> float | None:
    return round(count * 60.0 / seconds, 1) if seconds > 0 and count else None


def length_band(seconds: float, settings: AnalysisSettings) -> str:
    green, amber = settings.green_s, settings.amber_s
    if green[0] <= seconds <= green[1]:
        return "green"
    if amber[0] <= seconds <= amber[1]:
        return "amber"
    return "red"


def pace_band(wpm: float, settings: AnalysisSettings) -> str:
    if settings.target_wpm[0] <= wpm <= settings.target_wpm[1]:
        return "target"
    if settings.fine_wpm[0] <= wpm <= settings.fine_wpm[1]:
        return "fine"
    return "slow" if wpm < settings.fine_wpm[0] else "fast"


PACE_WORDS = {
    "too_slow": "too slow",
    "a_little_slow": "a little slow",
    "in_band": "in the target band",
    "a_little_fast": "a little fast",
    "too_fast": "too fast",
}


def pace_verdict(wpm: float | None, settings: AnalysisSettings) -> str | None:
    """``too_slow``, ``a_little_slow``, ``in_band``, ``a_little_fast`` or ``too_fast``:
    the target band is where nothing is said; the fine band is mentioned gently; past
    it the pace is called too slow or too fast (keys of :data:`PACE_WORDS`)."""
    if wpm is None:
        return None
    low, high = settings.target_wpm
    if low <= wpm <= high:
        return "in_band"
    if settings.fine_wpm[0] <= wpm <= settings.fine_wpm[1]:
        return "a_little_slow" if wpm < low else "a_little_fast"
    return "too_slow" if wpm < low else "too_fast"


def length_words(seconds: float | None, settings: AnalysisSettings) -> str:
    """The answer's length against its band, in words: "a little short", "too long"…"""
    if seconds is None:
        return ""
    low, band = settings.green_s[0], length_band(seconds, settings)
    if band == "green":
        return "in the target band"
    side = "short" if seconds < low else "long"
    return f"a little {side}" if band == "amber" else f"too {side}"


def measure_pacing(
    answer: AnswerText,
    pauses: list[Pause],
    settings: AnalysisSettings,
    *,
    duration_s: float | None = None,
    latency_offset_s: float = 0.0,
) -> Pacing:
    """``latency_offset_s``: time from the question being shown to recording start."""
    timed = _timed(answer.tokens)
    count = len(answer.tokens)
    if not timed:
        return Pacing(count, None, None, (), (), duration_s, None, None, None)
    first, last = timed[0].start or 0.0, timed[-1].end or 0.0
    span = last - first
    paused = sum(p.seconds for p in pauses if p.start >= first and p.end <= last)
    wpm = words_per_minute(len(timed), span)
    windows = _windows(timed, first, last, settings.rate_window_s)
    answer_s = last if duration_s is None else min(duration_s, last + 1.0)
    return Pacing(
        word_count=count,
        wpm=wpm,
        articulation_wpm=words_per_minute(len(timed), span - paused),
        rate_over_time=tuple(windows),
        stretches=tuple(_stretches(windows, settings)),
        duration_s=round(answer_s, 2),
        length_band=length_band(answer_s, settings),
        opening_latency_s=round(first + latency_offset_s, 2),
        pace_band=pace_band(wpm, settings) if wpm is not None else None,
    )


def _windows(timed: list[Token], first: float, last: float, width: float) -> list[RateWindow]:
    windows: list[RateWindow] = []
    start = first
    while start < last - 1e-9:
        end = min(start + width, last)
        count = sum(1 for t in timed if start <= ((t.start or 0) + (t.end or 0)) / 2 < end)
        if end == last:
            count += sum(1 for t in timed if ((t.start or 0) + (t.end or 0)) / 2 == last)
        if end - start >= width / 2 or not windows:
            windows.append(
                RateWindow(round(start, 2), round(end, 2), round(count * 60 / (end - start), 1))
            )
        else:  # fold a short last piece into the window before it
            prev = windows.pop()
            words = prev.wpm * (prev.end - prev.start) / 60 + count
            windows.append(
                RateWindow(prev.start, round(end, 2), round(words * 60 / (end - prev.start), 1))
            )
        start = end
    return windows


def _stretches(windows: list[RateWindow], settings: AnalysisSettings) -> list[Stretch]:
    """Runs of windows all too slow or all too fast lasting ``sustained_s`` or more."""
    out: list[Stretch] = []
    run: list[RateWindow] = []
    run_kind = ""

    def close() -> None:
        if run and run[-1].end - run[0].start >= settings.sustained_s - 1e-9:
            words = sum(w.wpm * (w.end - w.start) / 60 for w in run)
            mean = round(words * 60 / (run[-1].end - run[0].start), 1)
            out.append(Stretch(run[0].start, run[-1].end, run_kind, mean))

    for window in windows:
        kind = (
            "too_slow"
            if window.wpm < settings.too_slow_wpm
            else "too_fast"
            if window.wpm > settings.too_fast_wpm
            else ""
        )
        if kind and kind == run_kind:
            run.append(window)
            continue
        close()
        run, run_kind = ([window], kind) if kind else ([], "")
    close()
    return out
