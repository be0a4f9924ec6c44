"""Streaming bookkeeping that needs no model: mending cuts, judging window refinements."""

from __future__ import annotations

from coach.speech.streaming import _mend_cut, is_repetitive, plausible_refinement
from coach.speech.transcript import Segment, Word
from tests.conftest import shared_clip


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
        # The word is said at the end of the audio, after any replayed overlap.
        return [seg("words", offset + max(0.0, audio.size / 16000 - 0.4))]


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
    import time

    deadline = time.monotonic() + 20  # the model catches up; then the queue drains
    while streamer.stats.windows == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    # White noise is no speech to the voice detector, so no phrase has words: the
    # windows' text may be discarded if one is still running at stop (by design).
    assert streamer.finish(timeout=30).duration_s == 90.0
    assert streamer.stats.windows > 0, "the queue drained once the model caught up"


class WindowBlockingTranscriber:
    """Phrases come back at once; a refinement window (``fallback=False``) hangs until
    released, as a long window on a slow machine would."""

    model_name = "fake"

    def __init__(self) -> None:
        import threading

        self.release = threading.Event()
        self.window_started = threading.Event()
        self.calls: list[str] = []

    def transcribe_segments(self, audio, *, offset=0.0, context="", short=False, fallback=True):  # type: ignore[no-untyped-def]
        if not fallback:
            self.calls.append("window started")
            self.window_started.set()
            self.release.wait(30)
            self.calls.append("window ended")
            return [seg("refined text that must not appear", offset)]
        self.calls.append("last phrase" if short else "phrase")
        return [seg("spoken", offset + audio.size / 16000 - 0.5)]


def test_a_stop_while_a_window_runs_does_not_wait_for_it() -> None:
    from coach.speech.sources import decode_audio_file
    from coach.speech.streaming import CommitPolicy, StreamingTranscriber

    fake = WindowBlockingTranscriber()
    streamer = StreamingTranscriber(fake, policy=CommitPolicy(window_s=2.0))  # type: ignore[arg-type]
    audio = decode_audio_file(shared_clip("jfk.flac"))
    fed = 0
    while fed < audio.size and not fake.window_started.wait(0.01):
        streamer.feed(audio[fed : fed + 1600])
        fed += 1600
    assert fake.window_started.is_set(), "the set-up never started a window"
    streamer.feed(audio[fed : fed + 24000])  # 1.5 s more, and stop mid-phrase
    transcript = streamer.finish(timeout=10)
    assert "window ended" not in fake.calls, "the stop waited for the window"
    assert fake.calls[-1] == "last phrase"
    assert transcript.text.split()[-1] == "spoken"
    assert "refined" not in transcript.text
    assert streamer.stats.windows_abandoned == 1
    fake.release.set()


def test_a_forced_cut_takes_the_longest_quiet_run_not_the_quietest_frame() -> None:
    from coach.speech.phrase_planner import PhrasePlanner
    from coach.speech.vad import FRAME

    planner = PhrasePlanner()
    # Continuous speech (no frame the voice detector calls silent): one very quiet
    # frame inside a word at 10, and a run of four nearly as quiet frames at 30-33.
    levels = [-20.0] * 50
    levels[10] = -45.0
    levels[30:34] = [-43.0, -44.0, -43.5, -43.0]
    planner.vad.flags, planner.vad.levels = [True] * 50, levels
    cut, forced = planner._quiet_cut(0)
    assert 30 * FRAME <= cut <= 34 * FRAME and forced
    # A frame without speech is a gap between words: a clean cut there.
    planner.vad.flags[40:42] = [False, False]
    cut, forced = planner._quiet_cut(0)
    assert 40 * FRAME <= cut <= 42 * FRAME and not forced


def test_a_word_cut_in_two_is_left_to_the_next_phrase_and_said_once() -> None:
    from coach.speech.streaming import _before_cut, _from

    first = seg("we saw a particu")  # words at 0.0, 0.3, 0.6, 0.9 (ends 1.1)
    kept, owned_from = _before_cut([first], cut_s=1.15)
    assert kept[0].text.split() == ["we", "saw", "a"]
    assert owned_from is not None and abs(owned_from - 0.9) < 1e-9
    # The next phrase hears the word whole in its overlap (with one word before it).
    nxt = seg("a particular drop", start=0.6)
    again = _from(nxt, owned_from)
    assert again is not None and again.text.split() == ["particular", "drop"]
    # A word that ends well before the cut stays where it is.
    assert _before_cut([first], cut_s=2.0) == ([first], None)


class CountingTranscriber:
    """Answers at once with one word at the end of the audio, and counts calls."""

    model_name = "counting"

    def __init__(self) -> None:
        self.calls: list[bool] = []  # whether each call was asked to encode short

    def transcribe_segments(self, audio, *, offset=0.0, context="", short=False, fallback=True):  # type: ignore[no-untyped-def]
        self.calls.append(short)
        return [seg("words", offset + max(0.0, audio.size / 16000 - 0.4))]


def _jfk_then_silence(streamer, seconds_of_speech: float, silence_s: float) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from coach.speech.sources import decode_audio_file

    audio = decode_audio_file(shared_clip("jfk.flac"))[: int(seconds_of_speech * 16000)]
    audio = np.concatenate([audio, np.zeros(int(silence_s * 16000), dtype=np.float32)])
    for start in range(0, audio.size, 1600):
        streamer.feed(audio[start : start + 1600])


def test_a_phrase_cut_at_a_pause_is_held_and_a_stop_in_that_pause_encodes_it_short() -> None:
    import time

    from coach.speech.streaming import StreamingTranscriber

    fake = CountingTranscriber()
    streamer = StreamingTranscriber(fake)  # type: ignore[arg-type]
    _jfk_then_silence(streamer, 3.7, 0.7)  # "And so my fellow Americans", then a pause
    time.sleep(0.2)
    assert fake.calls == [], "held while the pause lasts"
    streamer.finish()
    assert fake.calls and fake.calls[0], "the stop came in the pause: encoded short"


def test_a_paused_recording_releases_the_held_phrase() -> None:
    import time

    from coach.speech.streaming import StreamingTranscriber

    fake = CountingTranscriber()
    streamer = StreamingTranscriber(fake)  # type: ignore[arg-type]
    _jfk_then_silence(streamer, 3.7, 0.7)
    streamer.release_held()  # what the capture does while the recording is paused
    deadline = time.monotonic() + 5
    while not fake.calls and time.monotonic() < deadline:
        time.sleep(0.02)
    assert fake.calls == [False], "transcribed the usual way (padded), not waiting"
    streamer.finish()


def test_a_looping_stream_is_replaced_by_the_whole_recording_pass() -> None:
    """A loop of dots is no words: it neither counts toward the length check nor keeps
    the whole-recording pass from replacing it."""
    from coach.refine import better
    from coach.speech.transcript import Transcript

    said = "I kept a list for three weeks of what ran out and when, then gave it to the manager"
    streamed = Transcript((seg("I kept a list"), Segment(3.0, 18.0, " ." * 300, ())), 20.0, "base")
    whole = Transcript((seg(said),), 20.0, "base")
    assert better(streamed, whole)
    dots = Segment(3.0, 9.0, " ." * 300, ())
    assert plausible_refinement([seg("I kept a list"), dots], [seg("I kept a list")])
