"""Transcribing while the candidate speaks, so that stopping leaves one phrase to do.

The capture thread calls :meth:`StreamingTranscriber.feed` with each block. An
energy VAD watches for pauses; when one ends a phrase of enough speech, the audio
since the last cut goes to a worker thread, which transcribes it (with a few
seconds of earlier audio as acoustic context and the text so far as the prompt)
and shows it at once. When the speaker stops, :meth:`finish` has only the tail
since the last pause left to transcribe.

Short phrases lack the context Whisper gets from a 30 s window. Optionally
(``CommitPolicy.window_s``; off by default, the app transcribes the whole recording
after the stop instead) every ~20 s of committed phrases are also re-transcribed as
one *window* when the worker has nothing more urgent; the window's text replaces the
phrases' text. Window jobs never delay a phrase; those not started when the speaker
stops are dropped, and one already running is left to finish beside the last phrase
(the model takes two calls at once) with its text thrown away, so a stop never waits
behind a window. Windows start and end only at pauses. Only uncommitted audio and
the current window are kept in memory.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from coach.speech.audio import SAMPLE_RATE, AudioArray
from coach.speech.transcriber import Transcriber, is_repetitive
from coach.speech.transcript import Segment, Transcript, Word, join_text
from coach.speech.vad import FRAME, FRAME_S, SpeechVad, VadSettings


@dataclass(frozen=True, slots=True)
class CommitPolicy:
    """When a stretch of speech is final enough to transcribe and commit."""

    min_pause_s: float = 0.3
    """A silence this long after speech ends a phrase."""
    min_phrase_s: float = 2.0
    """Speech needed since the last cut before a pause commits (a call costs an encoder pass)."""
    long_phrase_s: float = 6.0
    """Once this much audio is pending, a shorter pause ends the phrase: fast speech
    rarely pauses for ``min_pause_s``, and the last phrase is what a stop waits for."""
    long_phrase_pause_s: float = 0.2
    """The pause that ends a phrase past ``long_phrase_s`` (a clause break, still
    between words: the voice detector hears no speech in it)."""
    max_phrase_s: float = 20.0
    """Without any pause, cut at the quietest moment once this much audio is pending."""
    overlap_s: float = 4.0
    """Already-committed audio replayed before each phrase as acoustic context. Whisper
    encodes 30 s whatever the input, so this costs only the decoding of its few words."""
    final_overlap_s: float = 1.5
    """The last phrase replays only the history after a silence in its last this-many
    seconds (decoding the overlap's words is most of what a stop waits for)."""
    pause_hold_s: float = 0.5
    """A phrase cut at a pause waits this long (unless speech resumes) before it is
    transcribed: a stop within it makes it the last phrase, encoded short (0.1–0.2 s)
    rather than padded (0.5–0.9 s), which is most of what a stop waits for."""
    window_s: float = 0.0
    """Re-transcribe committed phrases as one window once this much has gathered
    (0, the default, turns windows off: the whole-recording pass after the stop,
    :mod:`coach.refine`, gains more for the same CPU)."""
    short_final: bool = True
    """Encode only the audio of the last phrase (not a 30-s window) after a stop."""
    short_phrases: bool = False
    """Encode every phrase that way (guarded the same way)."""


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

_PHRASE, _WINDOW, _END, _DROPPED = 0, 1, 2, 3
FORCED_CUT_SEARCH_S = 2.0
"""A forced cut looks for its quiet run in the last two seconds."""
MAX_PENDING_WINDOWS = 2
MAX_WINDOW_S = 28.0
"""A window never needs a second 30-s encoder pass (a 38-s one took 9–16 s)."""
"""Refinement windows waiting while phrases keep the worker busy; older ones are dropped
(their phrases are already transcribed), so a long answer on a slow machine keeps
memory bounded instead of queueing minutes of audio."""


@dataclass(slots=True, eq=False)
class _Job:
    kind: int
    start: int
    """Absolute sample index of the first new sample."""
    audio: AudioArray
    overlap: int = 0
    """Samples of context before ``start`` at the head of ``audio``."""
    final: bool = False
    """The phrase left when the speaker stopped: everyone waits for it."""
    forced: bool = False
    """Cut without a pause: its last word may be cut in two."""


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
        self.vad = SpeechVad(vad)
        self.on_commit = on_commit
        self.segments: list[Segment] = []
        self.stats = StreamingStats()
        self.error: BaseException | None = None
        self._buffer: list[AudioArray] = []
        self._buffer_start = 0  # absolute sample index of the first buffered sample
        self._buffered = 0
        self._total = 0
        self._history = np.zeros(0, dtype=np.float32)  # committed audio kept for overlap
        self._window: list[AudioArray] = []
        self._window_start = 0
        self._window_size = 0
        self._window_clean_end = True
        self._last_cut_clean = True  # the start of the answer is a clean cut
        self._owned_from: float | None = None  # see _run_phrase
        # Phrases (priority 0) before the end marker (1) before windows (2): a window
        # still queued when the speaker stops is never started.
        self._jobs: queue.PriorityQueue[tuple[int, int, _Job | None]] = queue.PriorityQueue()
        self._order = itertools.count()
        self._pending_windows: deque[_Job] = deque()
        self._waiting_phrases: list[_Job] = []
        """Phrases queued and not started: at stop they are encoded short too."""
        self._held: _Job | None = None
        """A phrase cut at a pause, held back while the pause lasts (``pause_hold_s``)."""
        self._held_until = 0
        self._lock = threading.Lock()
        self._running: _Job | None = None
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

    @property
    def words(self) -> tuple[Word, ...]:
        """The timed words committed so far (a snapshot)."""
        with self._lock:
            return tuple(w for s in self.segments for w in s.words)

    def feed(self, block: AudioArray) -> None:
        """Take one block from the capture thread; cheap, never waits on Whisper."""
        if self._finished or block.size == 0:
            return
        self._buffer.append(block)
        self._buffered += block.size
        self._total += block.size
        self.vad.feed(block)
        if self._held is not None and (
            self._total >= self._held_until or (self.vad.flags and self.vad.flags[-1])
        ):
            self.release_held()  # the candidate speaks on: transcribe it the usual way
        cut = self._find_cut()
        if cut is not None:
            self._commit_until(*cut)

    def _find_cut(self) -> tuple[int, bool] | None:
        """Where to cut (an absolute sample index) and whether it is forced (no pause
        to cut at, so it may fall inside a word), or None to keep listening."""
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
        long_phrase = self._buffered >= policy.long_phrase_s * SAMPLE_RATE
        pause_s = policy.long_phrase_pause_s if long_phrase else policy.min_pause_s
        if trailing * FRAME / SAMPLE_RATE >= pause_s and pause_start > first:
            speech = sum(flags[first:pause_start]) * FRAME / SAMPLE_RATE
            if speech >= policy.min_phrase_s:
                return (pause_start + trailing // 2) * FRAME, False  # mid-pause
        if self._buffered >= policy.max_phrase_s * SAMPLE_RATE:
            return self._quiet_cut(max(first, len(flags) - int(FORCED_CUT_SEARCH_S / FRAME_S)))
        return None

    def _quiet_cut(self, first: int) -> tuple[int, bool]:
        """The middle of the longest quiet run among frames ``first`` on.

        A run the voice detector hears no speech in lies between words: a clean cut.
        Without one, the longest run within 3 dB of the quietest frame (a single
        quietest frame is as often a stop consonant inside a word: 12 of 21 forced
        cuts fell inside words that way), and the cut counts as forced.
        """
        flags = self.vad.flags[first:]
        levels = np.asarray(self.vad.levels[first : first + len(flags)])
        silent = ~np.asarray(flags, dtype=bool)
        clean = bool(silent.any())
        quiet = silent if clean else levels <= levels.min() + 3.0
        best_start = best_len = run_start = 0
        for i, q in enumerate([*quiet.tolist(), False]):
            if q and (i == 0 or not quiet[i - 1]):
                run_start = i
            elif not q and i > 0 and quiet[i - 1] and i - run_start >= best_len:
                best_start, best_len = run_start, i - run_start  # the latest of equals
        return (first + best_start) * FRAME + best_len * FRAME // 2, not clean

    def release_held(self) -> None:
        """Transcribe a phrase held for its pause now (the recording is paused, so no
        more audio will tell whether the candidate speaks on). Capture thread only."""
        if self._held is not None:
            held, self._held = self._held, None
            self._put(held, 0)

    def _put(self, job: _Job | None, priority: int) -> None:
        self._jobs.put((priority, next(self._order), job))

    def _commit_until(self, cut: int, forced: bool = False, *, final: bool = False) -> None:
        audio = np.concatenate(self._buffer) if len(self._buffer) > 1 else self._buffer[0]
        split = max(0, min(cut - self._buffer_start, audio.size))
        phrase, rest = audio[:split], audio[split:]
        start = self._buffer_start
        self._buffer = [rest] if rest.size else []
        self._buffered = rest.size
        self._buffer_start = start + split
        # The last phrase is decoded while the candidate waits, its overlap's words too.
        within = self.policy.final_overlap_s if final else None
        overlap = self._history[self._overlap_start(start, within) :]
        keep = int(self.policy.overlap_s * SAMPLE_RATE)
        self._history = np.concatenate([self._history, phrase])[-keep:] if keep else overlap[:0]
        first, last = start // FRAME, (start + split) // FRAME
        if any(self.vad.flags[first:last]):
            audio = np.concatenate([overlap, phrase])
            job = _Job(_PHRASE, start, audio, overlap.size, final=final, forced=forced)
            with self._lock:
                self._waiting_phrases.append(job)
            self.release_held()
            if final or forced or not self.policy.pause_hold_s:
                self._put(job, 0)
            else:
                # A pause may be the end of the answer: if the stop comes within it, this
                # phrase is encoded short (it is final) instead of padded to 30 s.
                self._held = job
                self._held_until = self._total + int(self.policy.pause_hold_s * SAMPLE_RATE)
        if self.policy.window_s and not final:
            self._gather_window(start, phrase, clean_end=not forced)
        self._last_cut_clean = not forced

    def _gather_window(self, start: int, phrase: AudioArray, *, clean_end: bool) -> None:
        """Windows start and end only at clean cuts: one built on a cut inside a word
        would inherit the broken word it was meant to mend."""
        if not self._window and not self._last_cut_clean:
            return
        if self._window and self._window_size + phrase.size > MAX_WINDOW_S * SAMPLE_RATE:
            # This phrase would take the window past one 30-s encoder pass: refine what
            # has gathered (if it ends cleanly), and start again from this phrase.
            if self._window_clean_end:
                self._emit_window()
            self._window, self._window_size = [], 0
            if not self._last_cut_clean:
                return
        if not self._window:
            self._window_start = start
        self._window.append(phrase)
        self._window_size += phrase.size
        self._window_clean_end = clean_end
        if clean_end and self._window_size >= self.policy.window_s * SAMPLE_RATE:
            self._emit_window()

    def _emit_window(self) -> None:
        if self._window:
            job = _Job(_WINDOW, self._window_start, np.concatenate(self._window))
            with self._lock:
                self._pending_windows.append(job)
                while len(self._pending_windows) > MAX_PENDING_WINDOWS:
                    stale = self._pending_windows.popleft()
                    stale.kind, stale.audio = _DROPPED, stale.audio[:0]
                    self.stats.windows_dropped += 1
            self._put(job, 2)
            self._window, self._window_size = [], 0

    def _overlap_start(self, start: int, within_s: float | None = None) -> int:
        """Index into the kept history where the overlap begins: in a silence, never mid-word
        (the first silence in the last ``within_s`` seconds, if given)."""
        size = self._history.size
        first = (start - size) // FRAME
        if within_s is not None:
            first = max(first, (start - int(within_s * SAMPLE_RATE)) // FRAME)
        flags = self.vad.flags
        for frame in range(max(first, 0), start // FRAME - 1):
            if not flags[frame] and not flags[frame + 1]:
                return min(size, max(0, frame * FRAME + FRAME - (start - size)))
        # No silence in it (fast speech after a forced cut): all of it, so the word
        # the last phrase gave up at its cut is heard again whole.
        return 0

    def finish(self, timeout: float | None = None) -> Transcript:
        """Transcribe what is left and return everything; call once, after the last feed."""
        if not self._finished:
            self._finished = True
            with self._lock:  # the candidate now waits for every phrase not yet started
                for waiting in self._waiting_phrases:
                    waiting.final = True  # encoded short
            held = self._held
            if held is not None and held.overlap > self.policy.final_overlap_s * SAMPLE_RATE:
                # The phrase the stop fell in the pause after: it replays less context,
                # as the last phrase does (its overlap's words are decoded to be dropped).
                extra = held.overlap - int(self.policy.final_overlap_s * SAMPLE_RATE)
                held.audio, held.overlap = held.audio[extra:], held.overlap - extra
            self.release_held()
            self.vad.finish()  # the last 32 ms get their speech flags too
            if self._buffered:
                self._commit_until(self._total, final=True)
            self._put(None, 1)
            with self._lock:
                running = self._running
                if running is not None and running.kind == _WINDOW:
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
        return Transcript(segments, self._total / SAMPLE_RATE, self.transcriber.model_name)

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
                if job.kind == _DROPPED:
                    continue
                if job.kind == _WINDOW:
                    self._pending_windows.remove(job)
                else:  # by identity: jobs hold arrays, which do not compare as booleans
                    self._waiting_phrases = [w for w in self._waiting_phrases if w is not job]
                self._running = job
            began = time.perf_counter()
            try:
                changed = self._run_phrase(job) if job.kind == _PHRASE else self._run_window(job)
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

    def _run_phrase(self, job: _Job) -> list[Segment]:
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

    def _run_window(self, job: _Job) -> list[Segment]:
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
            inside = [s for s in self.segments if began <= (s.start + s.end) / 2 < ended]
            if not plausible_refinement(inside, refined):
                self.stats.rejected_windows += 1
                return []
            others = [s for s in self.segments if s not in inside]
            self.segments = sorted(others + refined, key=lambda s: s.start)
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
    return [w for s in segments for w in s.text.split()]


def plausible_refinement(before: list[Segment], after: list[Segment]) -> bool:
    """Whether a window's text may replace the phrases it covers.

    A refinement is refused when it loops, or when its length disagrees with the
    phrases' (Whisper skipping speech or inventing it), so a window can only fix
    words, never lose a sentence.
    """
    if any(is_repetitive(s.text) for s in after):
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
