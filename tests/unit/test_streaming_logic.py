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


class SlowTranscriber:
    """Stands in for a model that cannot keep up (isolates the queueing logic)."""

    model_name = "slow"

    def __init__(self) -> None:
        import threading

        self.gate = threading.Event()

    def transcribe_segments(self, audio, *, offset=0.0, context="", short=False, fallback=True):  # type: ignore[no-untyped-def]
        self.gate.wait(5)
        return [seg("words", offset)]


def test_a_worker_that_falls_behind_keeps_at_most_two_windows_of_audio_waiting() -> None:
    import numpy as np

    from coach.speech.streaming import MAX_PENDING_WINDOWS, CommitPolicy, StreamingTranscriber

    slow = SlowTranscriber()
    streamer = StreamingTranscriber(slow, policy=CommitPolicy(window_s=2.0))  # type: ignore[arg-type]
    rng = np.random.default_rng(0)
    for second in range(60):  # a minute of 1 s bursts of "speech" and 0.5 s pauses
        streamer.feed((rng.standard_normal(16000) * 0.3).astype(np.float32))
        streamer.feed(np.zeros(8000, dtype=np.float32))
        assert len(streamer._pending_windows) <= MAX_PENDING_WINDOWS, second
    assert streamer.stats.windows_dropped > 0
    slow.gate.set()
    assert streamer.finish(timeout=30).text
