"""Pauses measured from the audio's voice-activity track, classified as in DOMAIN.md.

Whisper's word timestamps stretch across silences and swallowed fillers, so the
audio decides where a pause is; the words only decide whether it falls at a
sentence boundary. Without audio (a timed transcript alone) word gaps stand in.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from coach.analysis.settings import AnalysisSettings
from coach.analysis.text import AnswerText


@dataclass(frozen=True, slots=True)
class Pause:
    start: float
    end: float
    kind: str
    """'boundary', 'brief', 'hesitation', 'long' or 'very_long'."""
    at_boundary: bool

    @property
    def seconds(self) -> float:
        return self.end - self.start


def classify(seconds: float, at_boundary: bool, settings: AnalysisSettings) -> str:
    if seconds >= settings.very_long_any_s:
        return "very_long"
    if at_boundary:
        return "boundary" if seconds <= settings.boundary_ok_s else "long"
    if seconds >= settings.very_long_mid_s:
        return "very_long"
    if seconds >= settings.long_s:
        return "long"
    if seconds >= settings.hesitation_s:
        return "hesitation"
    return "brief"


def _sentence_end_times(answer: AnswerText) -> list[float]:
    return [s.end for s in answer.sentences if s.end is not None]


def find_pauses(
    answer: AnswerText,
    silences: Sequence[tuple[float, float]] | None,
    settings: AnalysisSettings,
) -> list[Pause]:
    """Pauses between the first and last word.

    ``silences`` are (start, end) runs without speech from the audio's VAD; when
    None, gaps between word timestamps are used instead.
    """
    timed = [t for t in answer.tokens if t.start is not None and t.end is not None]
    if not timed:
        return []
    first = timed[0].start or 0.0
    last = timed[-1].end or 0.0
    if silences is None:
        gaps = [
            (a.end, b.start)
            for a, b in itertools.pairwise(timed)
            if a.end is not None and b.start is not None and b.start > a.end
        ]
    else:
        gaps = [(s, e) for s, e in silences if e > first and s < last]
    ends = _sentence_end_times(answer)
    pauses: list[Pause] = []
    for start, end in gaps:
        if end - start < settings.pause_min_s - 1e-9:
            continue
        # A boundary pause starts near the end of a sentence's last word.
        at_boundary = any(-0.6 <= start - t <= 0.8 for t in ends)
        kind = classify(end - start, at_boundary, settings)
        pauses.append(Pause(round(start, 3), round(end, 3), kind, at_boundary))
    return pauses
