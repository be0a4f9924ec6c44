"""The phrase planner on its own: real speech in, block by block, transcription jobs
out, synchronously (no thread, no model)."""

from __future__ import annotations

import numpy as np

from coach.speech.audio import SAMPLE_RATE
from coach.speech.phrase_planner import PHRASE, CommitPolicy, PhrasePlanner
from coach.speech.sources import decode_audio_file
from tests.conftest import shared_clip

BLOCK = 1600  # 100 ms, as the microphone delivers


def _feed(planner: PhrasePlanner, audio: np.ndarray) -> list[tuple[float, list]]:  # type: ignore[type-arg]
    """(seconds fed, jobs that call returned) for every call that returned some."""
    out = []
    for i in range(0, audio.size, BLOCK):
        jobs = planner.feed(audio[i : i + BLOCK])
        if jobs:
            out.append(((i + BLOCK) / SAMPLE_RATE, jobs))
    return out


def test_phrases_come_out_at_pauses_in_order_with_context_before_them() -> None:
    audio = decode_audio_file(shared_clip("jfk.flac"))[: 9 * SAMPLE_RATE]  # stopped mid-speech
    planner = PhrasePlanner(CommitPolicy(min_phrase_s=1.0, pause_hold_s=0.0))
    emitted = _feed(planner, audio)
    jobs = [job for _at, batch in emitted for job in batch]
    assert jobs and all(job.kind == PHRASE and not job.final for job in jobs)
    starts = [job.start for job in jobs]
    assert starts == sorted(starts) and starts[0] == 0
    for at, batch in emitted:
        for job in batch:  # a phrase is cut only from audio already heard
            assert (job.start + job.audio.size - job.overlap) / SAMPLE_RATE <= at
    assert all(job.overlap <= 4.0 * SAMPLE_RATE for job in jobs)
    assert any(job.overlap > 0 for job in jobs[1:]), "later phrases replay earlier audio"
    (last,) = planner.finish()
    assert last.final and last.start >= starts[-1]
    covered = last.start + last.audio.size - last.overlap
    assert covered == audio.size, "every sample is in some phrase"


def test_a_stop_in_the_pause_makes_the_held_phrase_the_last_one() -> None:
    speech = decode_audio_file(shared_clip("jfk.flac"))[: int(3.7 * SAMPLE_RATE)]
    audio = np.concatenate([speech, np.zeros(int(0.7 * SAMPLE_RATE), dtype=np.float32)])
    planner = PhrasePlanner()  # "And so my fellow Americans", then a pause
    emitted = _feed(planner, audio)
    held = planner._held
    assert held is not None, "a phrase cut at a pause waits for the pause to end"
    assert all(job is not held for _at, batch in emitted for job in batch)
    jobs = planner.finish()
    assert jobs[0] is held and held.final
    assert held.overlap <= planner.policy.final_overlap_s * SAMPLE_RATE


def test_a_window_never_comes_out_before_the_phrases_it_covers() -> None:
    """A window judged before its last (held) phrase was transcribed saw text without
    that phrase, and the phrase's words were then added twice."""
    from coach.speech.phrase_planner import WINDOW

    audio = decode_audio_file(shared_clip("jfk.flac"))
    planner = PhrasePlanner(CommitPolicy(min_phrase_s=1.0, window_s=3.0))
    order = [job for _at, batch in _feed(planner, audio) for job in batch] + planner.finish()
    windows = [i for i, job in enumerate(order) if job.kind == WINDOW]
    assert windows, "the clip has windows at this size"
    for i in windows:
        window = order[i]
        end = window.start + window.audio.size
        phrases_in_it = [
            j
            for j, job in enumerate(order)
            if job.kind == PHRASE and window.start <= job.start < end
        ]
        assert phrases_in_it and max(phrases_in_it) < i
