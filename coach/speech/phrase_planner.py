"""Where to cut a recording into phrases: blocks in, transcription jobs out.

:class:`PhrasePlanner` is the policy half of streaming transcription, with no thread
and no model: each block goes to the voice detector; a pause after enough speech (or
a quiet moment when there is none for too long) ends a phrase, which becomes a
:class:`Job` with a few seconds of earlier audio before it as acoustic context. A
phrase cut at a pause is held for half a second, so that a stop in that pause makes
it the last phrase. Refinement windows gather ~20 s of whole phrases between clean
cuts. :class:`coach.speech.streaming.StreamingTranscriber` runs the jobs on a worker
thread; tests drive the planner directly, block by block.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.speech.audio import SAMPLE_RATE, AudioArray
from coach.speech.vad import FRAME, FRAME_S, SpeechVad, VadSettings

PHRASE, WINDOW, DROPPED = 0, 1, 3
FORCED_CUT_SEARCH_S = 2.0
"""A forced cut looks for its quiet run in the last two seconds."""
MAX_WINDOW_S = 28.0
"""A window never needs a second 30-s encoder pass (a 38-s one took 9–16 s)."""


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
    window_s: float = 20.0
    """Re-transcribe committed phrases as one window once this much has gathered (0
    turns windows off): phrases give Whisper less context than a 30-s window, and
    windows bring the streamed text close to whole-file (held-back answers, three
    voices: 12.7 / 13.3 / 14.5 / 15.2 % → 11.4 / 11.0 / 12.9 / 13.3 % WER at
    140 / 165 / 185 / 200 wpm; whole-file 10.5 / 11.2 / 19.1 / 12.8) for 0.25–0.29
    busy seconds per second of audio instead of 0.18–0.24."""
    short_final: bool = True
    """Encode only the audio of the last phrase (not a 30-s window) after a stop."""
    short_phrases: bool = False
    """Encode every phrase that way (guarded the same way)."""


@dataclass(slots=True, eq=False)
class Job:
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


class PhrasePlanner:
    """Feed blocks as they are recorded; each call returns the jobs that became ready.
    One thread only (the capture thread)."""

    def __init__(self, policy: CommitPolicy | None = None, vad: VadSettings | None = None) -> None:
        self.policy = policy or CommitPolicy()
        self.vad = SpeechVad(vad)
        self.total = 0
        """Samples fed so far."""
        self._buffer: list[AudioArray] = []
        self._buffer_start = 0  # absolute sample index of the first buffered sample
        self._buffered = 0
        self._history = np.zeros(0, dtype=np.float32)  # committed audio kept for overlap
        self._window: list[AudioArray] = []
        self._window_start = 0
        self._window_size = 0
        self._window_clean_end = True
        self._last_cut_clean = True  # the start of the answer is a clean cut
        self._held: Job | None = None
        """A phrase cut at a pause, held back while the pause lasts (``pause_hold_s``)."""
        self._held_until = 0
        self._windows_waiting: list[Job] = []
        """Windows whose last phrase is held (see :meth:`_emit_window`)."""
        self._ready: list[Job] = []

    def feed(self, block: AudioArray) -> list[Job]:
        """Take one block; cheap, never waits on the model."""
        if block.size == 0:
            return []
        self._buffer.append(block)
        self._buffered += block.size
        self.total += block.size
        self.vad.feed(block)
        if self._held is not None and (
            self.total >= self._held_until or (self.vad.flags and self.vad.flags[-1])
        ):
            self._release_held()  # the candidate speaks on: transcribe it the usual way
        cut = self._find_cut()
        if cut is not None:
            self._commit_until(*cut)
        return self._take()

    def release_held(self) -> list[Job]:
        """The phrase held for its pause, now (the recording is paused, so no more audio
        will tell whether the candidate speaks on)."""
        self._release_held()
        return self._take()

    def _release_held(self) -> None:
        if self._held is not None:
            held, self._held = self._held, None
            self._ready.append(held)
        self._ready.extend(self._windows_waiting)
        self._windows_waiting.clear()

    def finish(self) -> list[Job]:
        """The jobs left when the speaker stops: the held phrase and the tail, both final
        (encoded short; their context trimmed to ``final_overlap_s``)."""
        held = self._held
        if held is not None:
            held.final = True
            keep = int(self.policy.final_overlap_s * SAMPLE_RATE)
            if held.overlap > keep:
                # The phrase the stop fell in the pause after: it replays less context,
                # as the last phrase does (its overlap's words are decoded to be dropped).
                extra = held.overlap - keep
                held.audio, held.overlap = held.audio[extra:], keep
        self._release_held()
        self.vad.finish()  # the last 32 ms get their speech flags too
        if self._buffered:
            self._commit_until(self.total, final=True)
        return self._take()

    def _take(self) -> list[Job]:
        ready, self._ready = self._ready, []
        return ready

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
            job = Job(PHRASE, start, audio, overlap.size, final=final, forced=forced)
            self._release_held()
            if final or forced or not self.policy.pause_hold_s:
                self._ready.append(job)
            else:
                # A pause may be the end of the answer: if the stop comes within it, this
                # phrase is encoded short (it is final) instead of padded to 30 s.
                self._held = job
                self._held_until = self.total + int(self.policy.pause_hold_s * SAMPLE_RATE)
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
            job = Job(WINDOW, self._window_start, np.concatenate(self._window))
            self._window, self._window_size = [], 0
            if self._held is None:
                self._ready.append(job)
            else:
                # Its last phrase is held for its pause: a window run before that phrase
                # is transcribed would be judged against text without it, and the
                # phrase's words would then be added a second time.
                self._windows_waiting.append(job)

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
