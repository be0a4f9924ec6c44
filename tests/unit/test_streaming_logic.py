"""Streaming bookkeeping that needs no model: mending cuts, judging window refinements."""

from __future__ import annotations

from coach.speech.streaming import _mend_cut, is_repetitive, plausible_refinement
from coach.speech.transcript import Segment, Word


def seg(text: str, start: float = 0.0) -> Segment:
    words = tuple(
        Word(start + i * 0.3, start + i * 0.3 + 0.2, f" {w}", 0.9)
        for i, w in enumerate(text.split())
    )
    return Segment(start, start + len(words) * 0.3, f" {text}", words)


def test_a_period_at_a_mid_sentence_cut_is_dropped() -> None:
    mended = _mend_cut(seg("ask not."), seg("what your country can do"))
    assert mended.text == " ask not"
    assert mended.words[-1].word == " not"
    kept = _mend_cut(seg("it worked."), seg("Then I left"))
    assert kept.text == " it worked."


def test_a_looping_or_lossy_window_is_refused() -> None:
    phrases = [seg("I called the customer back the same day and fixed it")]
    assert plausible_refinement(
        phrases, [seg("I called the customer back that same day and fixed it")]
    )
    assert not plausible_refinement(phrases, [seg("I called")]), "speech skipped"
    loop = "the temperature of " * 20
    assert is_repetitive(loop)
    assert not plausible_refinement(phrases, [seg(loop)])
