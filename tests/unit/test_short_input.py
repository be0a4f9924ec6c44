"""The last phrase is encoded short, and a short-input result that looks wrong is not
trusted (it is decoded again with the usual 30-s window)."""

from __future__ import annotations

import numpy as np

from coach.speech.transcriber import _frames_for, _suspicious
from coach.speech.transcript import Segment, Word


def _segment(words: list[str], start: float = 0.0) -> Segment:
    timed = tuple(
        Word(start + i * 0.4, start + i * 0.4 + 0.3, f" {w}", 0.9) for i, w in enumerate(words)
    )
    return Segment(start, start + len(words) * 0.4, " ".join(words), timed)


def test_a_phrase_is_encoded_with_one_second_to_spare_and_never_past_a_window() -> None:
    assert _frames_for(16_000 * 5) == 600  # 5 s of audio: 500 mel frames and 100 more
    assert _frames_for(16_000 * 40) == 3000
    assert _frames_for(16_001) % 2 == 0


def test_loops_and_missing_words_are_suspicious_but_a_normal_phrase_is_not() -> None:
    silence = np.zeros(16_000 * 3, dtype=np.float32)  # no speech heard: no word count needed
    assert _suspicious([_segment(["a", "bit", "bit", "bit", "bit", "more"])], silence)
    assert not _suspicious([_segment(["and", "then", "I", "called", "the", "warehouse"])], silence)
    looping = _segment(("we went back " * 12).split())
    assert _suspicious([looping], silence)
