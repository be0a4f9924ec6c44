"""Transcribing while the candidate speaks, so that stopping leaves one phrase to do.

The capture thread calls :meth:`StreamingTranscriber.feed` with each block. The
:class:`~coach.speech.phrase_planner.PhrasePlanner` decides where phrases end (at
pauses the voice detector hears); each phrase goes to the worker thread here, which
transcribes it (with a few seconds of earlier audio as acoustic context and the text
so far as the prompt), joins it to what is already committed, and shows it at once.
When the speaker stops, :meth:`finish` has only the tail since the last pause left to
transcribe.

Short phrases lack the context Whisper gets from a 30 s window, so every ~20 s of
committed phrases are also re-transcribed as one *window*
(``CommitPolicy.window_s``) when the worker has nothing more urgent; the window's
text replaces the phrases' text. After the stop the app also transcribes the whole
recording (:mod:`coach.refine`). Window jobs never delay a phrase; those not
started when the speaker stops are dropped, and one already running is left to
finish beside the last phrase (the model takes two calls at once) with its text
thrown away, so a stop never waits behind a window. Windows start and end only at
pauses. Only uncommitted audio and the current window are kept in memory.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from coach.speech.audio import SAMPLE_RATE, AudioArray
from coach.speech.phrase_planner import DROPPED, PHRASE, WINDOW, CommitPolicy, Job, PhrasePlanner
from coach.speech.transcriber import Transcriber, is_repetitive, loops
from coach.speech.transcript import Segment, Transcript, Word, join_text
from coach.speech.vad import SpeechVad, VadSettings
from coach.speech.wer import normalize_words

__all__ = ["CommitPolicy", "StreamingStats", "StreamingTranscriber", "is_repetitive"]


@dataclass(slots=True)
class StreamingStats:
    phrases: int = 0
    windows: int = 0
    rejected_windows: int = 0
    windows_dropped: int = 0
    windows_abandoned: int = 0
    """Windows still running at stop, left to finish on their own."""
    inference_s: float = 0.0
    timings: list[float] = field(default_factory=list)


CommitCallback = Callable[[list[Segment], str], object]
"""Called from the worker thread with the newly committed segments and all text so far."""

MAX_PENDING_WINDOWS = 2
"""Refinement windows waiting while phrases keep the worker busy; older ones are dropped
(their phrases are already transcribed), so a long answer on a slow machine keeps
memory bounded instead of queueing minutes of audio."""


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
        self.planner = PhrasePlanner(policy, vad)
        self.policy = self.planner.policy
        self.on_commit = on_commit
        self.segments: list[Segment] = []
        self.stats = StreamingStats()
        self.error: BaseException | None = None
        self._owned_from: float | None = None  # see _run_phrase
        # Phrases (priority 0) before the end marker (1) before windows (2): a window
        # still queued when the speaker stops is never started.
        self._jobs: queue.PriorityQueue[tuple[int, int, Job | None]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._pending_windows: deque[Job] = deque()
        self._waiting_phrases: list[Job] = []
        """Phrases queued and not started: at stop they are encoded short too."""
        self._lock = threading.Lock()
        self._running: Job | None = None
        self._finished = False
        self._worker = threading.Thread(target=self._work, name="streaming-asr", daemon=True)
        self._worker.start()

    # -- capture side -------------------------------------------------------------
    @property
    def vad(self) -> SpeechVad:
        return self.planner.vad

    @property
    def seconds(self) -> float:
        return self.planner.total / SAMPLE_RATE

    @property
    def text(self) -> str:
        with self._lock:
            return join_text(self.segments)

    @property
    def words(self) -> tuple[Word, ...]:
        """The timed words committed so far (a snapshot)."""
        with self._lock:
            return tuple(w for s in self.segments for w in s.words)

    def feed(self, block: AudioArray) -> None:
        """Take one block from the capture thread; cheap, never waits on Whisper."""
        if not self._finished:
            self._enqueue(self.planner.feed(block))

    def release_held(self) -> None:
        """Transcribe a phrase held for its pause now (the recording is paused, so no
        more audio will tell whether the candidate speaks on). Capture thread only."""
        self._enqueue(self.planner.release_held())

    def _enqueue(self, jobs: list[Job]) -> None:
        for job in jobs:
            with self._lock:
                if job.kind == WINDOW:
                    self._pending_windows.append(job)
                    while len(self._pending_windows) > MAX_PENDING_WINDOWS:
                        stale = self._pending_windows.popleft()
                        stale.kind, stale.audio = DROPPED, stale.audio[:0]
                        self.stats.windows_dropped += 1
                else:
                    self._waiting_phrases.append(job)
            self._put(job, 2 if job.kind == WINDOW else 0)

    def _put(self, job: Job | None, priority: int) -> None:
        self._jobs.put((priority, next(self._order), job))

    def finish(self, timeout: float | None = None) -> Transcript:
        """Transcribe what is left and return everything; call once, after the last feed."""
        if not self._finished:
            self._finished = True
            with self._lock:  # the candidate now waits for every phrase not yet started
                for waiting in self._waiting_phrases:
                    waiting.final = True  # encoded short
            self._enqueue(self.planner.finish())
            self._put(None, 1)
            with self._lock:
                running = self._running
                if running is not None and running.kind == WINDOW:
                    # A window cannot be interrupted inside the model and may take
                    # seconds: a fresh worker does the last phrases beside it, and the
                    # window's text is thrown away when it ends.
                    self.stats.windows_abandoned += 1
                    self._worker = threading.Thread(
                        target=self._work, name="streaming-asr-final", daemon=True
                    )
                    self._worker.start()
        self._worker.join(timeout)
        if self.error is not None:
            raise self.error
        with self._lock:
            segments = tuple(self.segments)
        return Transcript(segments, self.seconds, self.transcriber.model_name)

    # -- worker side --------------------------------------------------------------
    def _context_before(self, seconds: float) -> str:
        with self._lock:
            return " ".join(
                w.word.strip() for s in self.segments for w in s.words if w.end <= seconds
            )

    def _work(self) -> None:
        me = threading.current_thread()
        while (job := self._jobs.get()[2]) is not None:
            with self._lock:
                if job.kind == DROPPED:
                    continue
                if job.kind == WINDOW:
                    self._pending_windows.remove(job)
                else:  # by identity: jobs hold arrays, which do not compare as booleans
                    self._waiting_phrases = [w for w in self._waiting_phrases if w is not job]
                self._running = job
            began = time.perf_counter()
            try:
                changed = self._run_phrase(job) if job.kind == PHRASE else self._run_window(job)
            except BaseException as exc:  # surfaced by finish(); the worker must not die silently
                self.error = exc
                continue
            finally:
                with self._lock:
                    self._running = None
            if self._worker is not me:
                return  # replaced at stop while refining: another worker took over
            spent = time.perf_counter() - began
            self.stats.inference_s += spent
            self.stats.timings.append(spent)
            if self.on_commit is not None and changed:
                self.on_commit(changed, self.text)

    def _run_phrase(self, job: Job) -> list[Segment]:
        boundary = job.start / SAMPLE_RATE
        began = boundary - job.overlap / SAMPLE_RATE
        # The last phrase is what the candidate waits for: only the audio there is is
        # encoded (the transcriber checks the result and falls back to a full window).
        pieces = self.transcriber.transcribe_segments(
            job.audio,
            offset=began,
            context=self._context_before(began),
            short=self.policy.short_phrases or (job.final and self.policy.short_final),
        )
        owned_from, self._owned_from = self._owned_from, None
        if owned_from is not None:  # the previous phrase gave up its cut word to this one
            new = [kept for piece in pieces if (kept := _from(piece, owned_from)) is not None]
        else:
            new = [kept for piece in pieces if (kept := _after(piece, boundary)) is not None]
        if job.forced and new:
            # A forced cut may split a word ("parti|cular"): the word touching the cut
            # is left to the next phrase, which hears it whole in its overlap.
            cut_s = (job.start + job.audio.size - job.overlap) / SAMPLE_RATE
            new, self._owned_from = _before_cut(new, cut_s)
        with self._lock:
            if new and self.segments:
                self.segments[-1] = _mend_cut(self.segments[-1], new[0])
            self.segments.extend(new)
        self.stats.phrases += 1
        return new

    def _run_window(self, job: Job) -> list[Segment]:
        began = job.start / SAMPLE_RATE
        ended = began + job.audio.size / SAMPLE_RATE
        # No text prompt here, as in whole-file transcription: a prompt repeated into a
        # long window is what sets off Whisper's repetition loops.
        # Greedy once, no temperature fallback: a window only refines what is already
        # shown, so it must never grow into seconds that a stop would wait behind.
        refined = self.transcriber.transcribe_segments(job.audio, offset=began, fallback=False)
        with self._lock:
            if self._worker is not threading.current_thread():
                return []  # the answer ended while this ran: its phrases stand
            self.stats.windows += 1
            # Word by word: a phrase's segment can straddle the window's edge (its words
            # outside stay), and the window's own words are kept only inside it.
            refined = _within(refined, began, ended)
            inside = _within(self.segments, began, ended)
            if not plausible_refinement(inside, refined):
                self.stats.rejected_windows += 1
                return []
            before = _within(self.segments, float("-inf"), began)
            after = _within(self.segments, ended, float("inf"))
            self.segments = before + refined + after
        return refined


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


def _within(segments: list[Segment], began: float, ended: float) -> list[Segment]:
    """The words of ``segments`` centred in [began, ended), as segments."""
    kept = []
    for segment in segments:
        words = tuple(w for w in segment.words if began <= (w.start + w.end) / 2 < ended)
        if len(words) == len(segment.words) and words:
            kept.append(segment)
        elif words:
            kept.append(_with_words(segment, words))
    return kept


def _from(segment: Segment, owned_from: float) -> Segment | None:
    """The words of ``segment`` centred after ``owned_from`` (the start of a word the
    previous phrase gave up): that word again, whole, and what follows."""
    words = tuple(w for w in segment.words if (w.start + w.end) / 2 > owned_from)
    if not words:
        return None
    return _with_words(segment, words)


def _before_cut(segments: list[Segment], cut_s: float) -> tuple[list[Segment], float | None]:
    """``segments`` without a last word that reaches within 0.1 s of the cut, and where
    that word starts (None when no word touches the cut)."""
    last = segments[-1]
    if not last.words or last.words[-1].end < cut_s - CUT_WORD_MARGIN_S:
        return segments, None
    dropped = last.words[-1]
    kept = last.words[:-1]
    head = segments[:-1] + ([_with_words(last, kept)] if kept else [])
    return head, dropped.start


def _with_words(segment: Segment, words: tuple[Word, ...]) -> Segment:
    return Segment(
        start=words[0].start,
        end=words[-1].end if words[-1].end > words[0].start else segment.end,
        text="".join(w.word for w in words),
        words=words,
        no_speech_prob=segment.no_speech_prob,
        avg_logprob=segment.avg_logprob,
    )


CUT_WORD_MARGIN_S = 0.1


def _words(segments: list[Segment]) -> list[str]:
    """Spoken words only: a loop of ". . ." is no words at all."""
    return [w for s in segments for w in normalize_words(s.text)]


def plausible_refinement(before: list[Segment], after: list[Segment]) -> bool:
    """Whether a window's text may replace the phrases it covers.

    A refinement is refused when it loops, or when its length disagrees with the
    phrases' (Whisper skipping speech or inventing it), so a window can only fix
    words, never lose a sentence.
    """
    if loops(after):
        return False
    old, new = len(_words(before)), len(_words(after))
    return abs(new - old) <= 3 + 0.2 * old


def _mend_cut(before: Segment, after: Segment) -> Segment:
    """Drop the full stop Whisper puts at the end of a phrase cut mid-sentence.

    When the next phrase starts in lower case the sentence went on, so the cut's
    period is an artefact; it would also split the sentence for the analysis.
    """
    first = after.text.lstrip()[:1]
    if not (first.islower() and before.text.rstrip().endswith(".") and before.words):
        return before
    last = before.words[-1]
    mended = Word(last.start, last.end, last.word.rstrip().removesuffix("."), last.probability)
    return Segment(
        start=before.start,
        end=before.end,
        text=before.text.rstrip().removesuffix("."),
        words=(*before.words[:-1], mended),
        no_speech_prob=before.no_speech_prob,
        avg_logprob=before.avg_logprob,
    )
