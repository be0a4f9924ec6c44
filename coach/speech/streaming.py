"""Transcribing while the candidate speaks, so that stopping leaves one phrase to do.

The capture thread calls :meth:`StreamingTranscriber.feed` with each block. An
energy VAD watches for pauses; when one ends a phrase of enough speech, the audio
since the last cut is handed to a worker thread that transcribes it and commits
the text for good (one Whisper call per phrase, cut in silence, so no word is
split and nothing is transcribed twice). When the speaker stops,
:meth:`finish` transcribes only the tail since the last pause.

Whisper encodes a 30 s window whatever the clip length (about 0.7 s with base on
two cores), so phrases are batched up to a minimum length and the worker stays
well ahead of real time; only uncommitted audio is kept in memory.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from coach.speech.audio import SAMPLE_RATE, AudioArray
from coach.speech.transcriber import Transcriber
from coach.speech.transcript import Segment, Transcript, join_text
from coach.speech.vad import FRAME, EnergyVad, VadSettings


@dataclass(frozen=True, slots=True)
class CommitPolicy:
    """When a stretch of speech is final enough to transcribe and commit."""

    min_pause_s: float = 0.3
    """A silence this long after speech ends a phrase."""
    min_phrase_s: float = 2.0
    """Speech needed since the last cut before a pause commits (a call costs an encoder pass)."""
    max_phrase_s: float = 20.0
    """Without any pause, cut at the quietest moment once this much audio is pending."""
    overlap_s: float = 4.0
    """Already-committed audio replayed before each phrase as acoustic context. Whisper
    encodes 30 s whatever the input, so this costs only the decoding of its few words,
    and it keeps streamed accuracy level with whole-file transcription."""


@dataclass(slots=True)
class StreamingStats:
    phrases: int = 0
    inference_s: float = 0.0
    last_job_s: float = 0.0
    committed_audio_s: float = 0.0
    timings: list[float] = field(default_factory=list)


CommitCallback = Callable[[list[Segment], str], object]
"""Called from the worker thread with the newly committed segments and all text so far."""


class StreamingTranscriber:
    """Feed blocks as they are recorded; :meth:`finish` returns the full transcript."""

    def __init__(
        self,
        transcriber: Transcriber,
        *,
        policy: CommitPolicy | None = None,
        vad: VadSettings | None = None,
        on_commit: CommitCallback | None = None,
    ) -> None:
        self.transcriber = transcriber
        self.policy = policy or CommitPolicy()
        self.vad = EnergyVad(vad)
        self.on_commit = on_commit
        self.segments: list[Segment] = []
        self.stats = StreamingStats()
        self.error: BaseException | None = None
        self._buffer: list[AudioArray] = []
        self._buffer_start = 0  # absolute sample index of the first buffered sample
        self._buffered = 0
        self._total = 0
        self._history = np.zeros(0, dtype=np.float32)  # committed audio kept for overlap
        self._jobs: queue.Queue[tuple[int, AudioArray, int] | None] = queue.Queue()
        self._lock = threading.Lock()
        self._finished = False
        self._worker = threading.Thread(target=self._work, name="streaming-asr", daemon=True)
        self._worker.start()

    # -- capture side -------------------------------------------------------------
    @property
    def seconds(self) -> float:
        return self._total / SAMPLE_RATE

    @property
    def text(self) -> str:
        with self._lock:
            return join_text(self.segments)

    def feed(self, block: AudioArray) -> None:
        """Take one block from the capture thread; cheap, never waits on Whisper."""
        if self._finished or block.size == 0:
            return
        self._buffer.append(block)
        self._buffered += block.size
        self._total += block.size
        self.vad.feed(block)
        cut = self._find_cut()
        if cut is not None:
            self._commit_until(cut)

    def _find_cut(self) -> int | None:
        """An absolute sample index to cut at, or None to keep listening."""
        flags = self.vad.flags
        policy = self.policy
        first = self._buffer_start // FRAME
        if len(flags) <= first:
            return None
        trailing = 0
        for flag in reversed(flags[first:]):
            if flag:
                break
            trailing += 1
        pause_start = len(flags) - trailing
        if trailing * FRAME / SAMPLE_RATE >= policy.min_pause_s and pause_start > first:
            speech = sum(flags[first:pause_start]) * FRAME / SAMPLE_RATE
            if speech >= policy.min_phrase_s:
                return (pause_start + trailing // 2) * FRAME
        if self._buffered >= policy.max_phrase_s * SAMPLE_RATE:
            window = self.vad.levels[max(first, len(flags) - int(2.0 * SAMPLE_RATE / FRAME)) :]
            quietest = len(flags) - len(window) + int(np.argmin(window))
            return quietest * FRAME + FRAME // 2
        return None

    def _commit_until(self, cut: int) -> None:
        audio = np.concatenate(self._buffer) if len(self._buffer) > 1 else self._buffer[0]
        split = max(0, min(cut - self._buffer_start, audio.size))
        job, rest = audio[:split], audio[split:]
        start = self._buffer_start
        self._buffer = [rest] if rest.size else []
        self._buffered = rest.size
        self._buffer_start = start + split
        first, last = start // FRAME, (start + split) // FRAME
        overlap = self._history[self._overlap_start(start) :]
        keep = int(self.policy.overlap_s * SAMPLE_RATE)
        self._history = np.concatenate([self._history, job])[-keep:] if keep else overlap[:0]
        if any(self.vad.flags[first:last]):
            self._jobs.put((start, np.concatenate([overlap, job]), overlap.size))

    def _overlap_start(self, start: int) -> int:
        """Index into the kept history where the overlap begins: in a silence, never mid-word."""
        size = self._history.size
        first = (start - size) // FRAME
        flags = self.vad.flags
        for frame in range(max(first, 0), start // FRAME - 1):
            if not flags[frame] and not flags[frame + 1]:
                return min(size, max(0, frame * FRAME + FRAME - (start - size)))
        return size

    def finish(self, timeout: float | None = None) -> Transcript:
        """Transcribe what is left and return everything; call once, after the last feed."""
        if not self._finished:
            self._finished = True
            if self._buffered:
                self._commit_until(self._total)
            self._jobs.put(None)
        self._worker.join(timeout)
        if self.error is not None:
            raise self.error
        with self._lock:
            segments = tuple(self.segments)
        return Transcript(segments, self._total / SAMPLE_RATE, self.transcriber.model_name)

    def cancel(self) -> None:
        """Stop without transcribing the rest (the recording on disk is untouched)."""
        self._finished = True
        while True:
            try:
                self._jobs.get_nowait()
            except queue.Empty:
                break
        self._jobs.put(None)

    # -- worker side --------------------------------------------------------------
    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            start, audio, overlap = job
            began = time.perf_counter()
            boundary = start / SAMPLE_RATE
            try:
                with self._lock:
                    context = " ".join(
                        w.word.strip()
                        for s in self.segments
                        for w in s.words
                        if w.end <= boundary - overlap / SAMPLE_RATE
                    )
                pieces = self.transcriber.transcribe_segments(
                    audio, offset=boundary - overlap / SAMPLE_RATE, context=context
                )
                new = [kept for p in pieces if (kept := _after(p, boundary)) is not None]
            except BaseException as exc:  # surfaced by finish(); the worker must not die silently
                self.error = exc
                continue
            spent = time.perf_counter() - began
            with self._lock:
                self.segments.extend(new)
                text = join_text(self.segments)
            self.stats.phrases += 1
            self.stats.inference_s += spent
            self.stats.last_job_s = spent
            self.stats.timings.append(spent)
            self.stats.committed_audio_s += (audio.size - overlap) / SAMPLE_RATE
            if self.on_commit is not None and new:
                self.on_commit(new, text)


def _after(segment: Segment, boundary: float) -> Segment | None:
    """The part of ``segment`` said after ``boundary`` (the overlap is already committed)."""
    if segment.start >= boundary:
        return segment
    words = tuple(w for w in segment.words if w.end > boundary + 0.05)
    if not words:
        return None
    return Segment(
        start=words[0].start,
        end=segment.end,
        text="".join(w.word for w in words),
        words=words,
        no_speech_prob=segment.no_speech_prob,
        avg_logprob=segment.avg_logprob,
    )
