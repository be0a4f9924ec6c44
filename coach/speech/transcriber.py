"""Offline transcription with faster-whisper: audio array in, timed words out."""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ctranslate2
import numpy as np

from coach.errors import ModelError
from coach.speech.audio import SAMPLE_RATE, AudioArray
from coach.speech.cpu import limit_malloc_arenas, physical_cores
from coach.speech.models import DEFAULT_MODEL, ProgressFn, ResolvedModel, resolve_model
from coach.speech.offline import ensure_offline
from coach.speech.transcript import Segment, Transcript, Word, join_text
from coach.speech.vad import FRAME_S, speech_flags

FILLER_PROMPT = "Um, so, uh, I was, you know, working on it, and, hmm, I mean, it went well."
"""A short prompt full of fillers. Whisper imitates its prompt's style, so with it
both bundled models write um/uh instead of silently dropping them; measured on an
espeak-ng answer with 9 fillers: tiny.en kept 0 without it and 9 with it; base kept
9 either way. ``hotwords`` kept fillers but dropped punctuation and the first
"Um", so the prompt is used. Kept short: long prompts invite repetition loops."""


@dataclass(frozen=True, slots=True)
class TranscribeOptions:
    """Decoding settings shared by whole-file and streaming transcription."""

    language: str = "en"
    beam_size: int = 1
    """Greedy decoding: about twice as fast as beam 5 on CPU, same WER on our clips."""
    temperatures: tuple[float, ...] = (0.0, 0.4, 0.8)
    """Fewer fallbacks than faster-whisper's six bound the worst-case latency."""
    vad_filter: bool = True
    """Silero VAD (bundled with faster-whisper) skips silence: no text hallucinated on it."""
    no_speech_threshold: float = 0.6
    drop_no_speech_prob: float = 0.8
    """A segment whose no-speech probability is above this and whose words are unsure is dropped."""
    filler_prompt: str = FILLER_PROMPT
    context_words: int = 24
    """Words of what was said before a phrase added to its prompt (60 made streamed
    WER worse, 13.3 → 18.1 % at 165 wpm: long prompts invite loops)."""


WORKERS = 2
"""Calls that may run at once (CTranslate2 workers share the weights: no more memory).
The second lets the last phrase after a stop start at once instead of waiting behind
a refinement window that cannot be interrupted."""


class Transcriber:
    """A loaded Whisper model; up to :data:`WORKERS` threads may call it at once."""

    def __init__(
        self,
        model: str | ResolvedModel = DEFAULT_MODEL,
        *,
        options: TranscribeOptions | None = None,
        cpu_threads: int | None = None,
        progress: ProgressFn | None = None,
    ) -> None:
        self.resolved = (
            model if isinstance(model, ResolvedModel) else resolve_model(model, progress)
        )
        self.options = options or TranscribeOptions()
        self.cpu_threads = cpu_threads or physical_cores()
        self._slots = threading.BoundedSemaphore(WORKERS)
        self.short_input_retries = 0
        """How often a short-input decode looked wrong and was done again padded."""
        self.context_retries = 0
        """How often a phrase decoded with its context prompt looked wrong and was
        decoded again without it."""
        ensure_offline()
        limit_malloc_arenas()  # before CTranslate2 starts its threads
        try:
            from faster_whisper import WhisperModel
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelError("faster-whisper is not installed", hint="run `make run`") from exc
        if progress:
            progress(0.95, f"Loading Whisper {self.resolved.name} into memory…")
        try:
            self._model: Any = _phrase_model_class(WhisperModel)(
                str(self.resolved.path),
                device="cpu",
                compute_type="int8",
                cpu_threads=self.cpu_threads,
                num_workers=WORKERS,
                local_files_only=True,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(
                f"could not load the model in {self.resolved.path}: {exc}",
                hint="the folder may be truncated or not a CTranslate2 Whisper model; "
                "run `coach doctor` or use --model base",
            ) from exc

    @property
    def model_name(self) -> str:
        return self.resolved.name

    def transcribe_segments(
        self,
        audio: AudioArray,
        *,
        offset: float = 0.0,
        context: str = "",
        short: bool = False,
        fallback: bool = True,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Segment]:
        """Transcribe ``audio`` (16 kHz mono float32); times are shifted by ``offset``.

        ``context`` is text said just before this audio (the streaming transcriber
        passes what it already committed); it is appended to the filler prompt.
        ``short`` encodes only the audio there is (plus 1 s) instead of a 30-s window:
        five to ten times cheaper on a short phrase, so the last phrase after a stop
        costs a fraction of a second. Short input can set Whisper looping or skipping,
        so a result that loops or has too few words for its speech is decoded again
        the usual way. ``fallback=False`` decodes greedily once, without retrying at
        higher temperatures (a refinement window must never take long).
        """
        temperatures = self.options.temperatures if fallback else self.options.temperatures[:1]
        heard: float | None = None  # seconds of speech in ``audio``, found once if needed
        if short and audio.size < SHORT_INPUT_MAX_S * SAMPLE_RATE:
            # Greedy once: where short input goes wrong, the temperature fallback would
            # decode it up to five more times (6.9 s seen on a 15-s phrase) before the
            # guard below sends it to the padded decode anyway.
            segments = self._decode(
                audio, offset, context, temperatures[:1], frames=_frames_for(audio.size)
            )
            heard = _speech_seconds(audio)
            if not _suspicious(segments, audio, heard):
                return self._rest(segments, audio, offset, context, temperatures)
            self.short_input_retries += 1
        segments = self._decode(audio, offset, context, temperatures, cancelled=cancelled)
        if context:
            heard = _speech_seconds(audio) if heard is None else heard
            if _suspicious(segments, audio, heard):
                # A phrase's prompt (the words said before it) can set Whisper looping:
                # a page of ". . ." in place of 15 s of speech was seen on a fast voice.
                # Without it the phrase is heard as whole-file transcription hears it.
                self.context_retries += 1
                again = self._decode(audio, offset, "", temperatures, cancelled=cancelled)
                if _doubt(again, audio, heard) < _doubt(segments, audio, heard):
                    segments, context = again, ""
        return self._rest(segments, audio, offset, context, temperatures)

    def _rest(
        self,
        segments: list[Segment],
        audio: AudioArray,
        offset: float,
        context: str,
        temperatures: tuple[float, ...],
    ) -> list[Segment]:
        # Whisper sometimes ends a window early and silently skips the speech after
        # it. Where the voice detector still hears speech past the last word, decode
        # the rest again (bounded, so a noisy room cannot loop).
        for _ in range(3):
            last_end = segments[-1].end - offset if segments else 0.0
            if not _speech_after(audio, last_end + 0.5, min_speech_s=1.0):
                break
            start = max(0, int((last_end - 0.1) * SAMPLE_RATE))
            more = self._decode(
                audio[start:],
                offset + start / SAMPLE_RATE,
                f"{context} {join_text(segments)}",
                temperatures,
            )
            more = [seg for seg in more if seg.end > offset + last_end + 0.05]
            if not more:
                break
            segments.extend(more)
        return segments

    def _decode(
        self,
        audio: AudioArray,
        offset: float,
        context: str,
        temperatures: tuple[float, ...],
        frames: int | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Segment]:
        if audio.size < SAMPLE_RATE // 10:
            return []
        opts = self.options
        seconds = audio.size / SAMPLE_RATE
        prompt = opts.filler_prompt
        if context:
            prompt = f"{prompt} {' '.join(context.split()[-opts.context_words :])}"
        with self._slots:
            ctranslate2.set_random_seed(0)  # temperature fallback samples: keep it repeatable
            self._model.encode_frames = frames
            pieces, _info = self._model.transcribe(
                np.ascontiguousarray(audio, dtype=np.float32),
                language=opts.language,
                beam_size=opts.beam_size,
                temperature=list(temperatures),
                word_timestamps=True,
                vad_filter=opts.vad_filter,
                initial_prompt=prompt or None,
                condition_on_previous_text=False,
                no_speech_threshold=opts.no_speech_threshold,
                max_new_tokens=_tokens_for(audio.size) if frames is not None else None,
                no_repeat_ngram_size=SHORT_INPUT_NO_REPEAT if frames is not None else 0,
            )
            segments = []
            try:
                for piece in pieces:  # faster-whisper decodes one 30-s window at a time
                    if cancelled is not None and cancelled():
                        raise TranscriptionCancelled
                    segments.append(self._convert(piece, offset))
                    if frames is not None and float(piece.end) >= seconds - _END_S:
                        # Asking for more would decode what is left past the last
                        # word in a window of its own: a fraction of a second of a
                        # stop's wait, for a cut word at most.
                        break
            finally:
                self._model.encode_frames = None
        return [s for s in segments if s is not None]

    def _convert(self, piece: Any, offset: float) -> Segment | None:
        words = tuple(
            Word(
                start=float(w.start) + offset,
                end=float(w.end) + offset,
                word=str(w.word),
                probability=float(w.probability),
            )
            for w in (piece.words or ())
        )
        mean_p = float(np.mean([w.probability for w in words])) if words else 0.0
        if float(piece.no_speech_prob) > self.options.drop_no_speech_prob and mean_p < 0.5:
            return None  # most likely text hallucinated on noise or silence
        if not str(piece.text).strip():
            return None
        return Segment(
            start=float(piece.start) + offset,
            end=float(piece.end) + offset,
            text=str(piece.text),
            words=words,
            no_speech_prob=float(piece.no_speech_prob),
            avg_logprob=float(piece.avg_logprob),
        )

    def transcribe(
        self, audio: AudioArray, *, cancelled: Callable[[], bool] | None = None
    ) -> Transcript:
        """Transcribe a whole recording at once. ``cancelled`` is asked after each
        30-s window; when it says yes, :class:`TranscriptionCancelled` is raised."""
        segments = self.transcribe_segments(audio, cancelled=cancelled)
        return Transcript(tuple(segments), audio.size / SAMPLE_RATE, self.model_name)


class TranscriptionCancelled(Exception):
    """A whole-recording transcription given up between windows."""


SHORT_INPUT_MAX_S = 15.0
"""Short-input encoding is for a short last phrase (with its overlap); a longer one is
where Whisper was seen to skip a sentence, so it gets the usual window."""
_END_S = 0.3
"""A short-input decode whose words reach this close to the audio's end is done."""
_MEL_PER_S = 100
_MARGIN_FRAMES = 100


def _frames_for(samples: int) -> int:
    """Mel frames to encode for ``samples`` of audio: all of it and 1 s more, even."""
    frames = -(-samples * _MEL_PER_S // SAMPLE_RATE) + _MARGIN_FRAMES
    return min(3000, frames + frames % 2)


SHORT_INPUT_TOKENS_PER_S = 7
"""Tokens a short-input decode may write per second of audio: 200 wpm needs about 4.6
with timestamps, and past 5 words a second the result is distrusted anyway. Past the
speech, short input can set Whisper writing "____" up to 224 tokens that are then
thrown away: an 8.8-s last phrase took 2.9 s instead of 0.6 s for the same words."""


def _short_window(features: Any, most: int) -> Any:
    """A window faster-whisper padded to 30 s with zero frames, cut to its own audio
    and the margin (at most ``most`` frames), the margin made silent.

    Its own audio: after the first window, faster-whisper decodes what is left past
    the last word (often a fraction of a second) in a window of its own, and 0.2 s
    of audio with 9.6 s of padding came back as a stray "So". Silent: a zero mel
    frame is not silence to Whisper (it was trained on audio padded with silence,
    whose frames sit at the floor of the log-mel range); after a last phrase with
    the words before it as prompt, it wrote "____" into a zero margin until the
    token cap, and ended at the last word with the margin at the window's quietest
    value (the floor, wherever the audio has any silence).
    """
    flat = features.reshape(-1, features.shape[-1])
    heard = np.flatnonzero(np.any(flat, axis=0))
    audio = int(heard[-1]) + 1 if heard.size else 0
    frames = audio + _MARGIN_FRAMES
    frames = min(most, features.shape[-1], frames + frames % 2)
    window = np.array(features[..., :frames], dtype=features.dtype, order="C")
    if 0 < audio < frames:
        window[..., audio:] = window[..., :audio].min()
    return window


SHORT_INPUT_NO_REPEAT = 6
"""A short-input decode may not write the same 6 tokens twice. With the words before
it as prompt Whisper sometimes writes a last phrase out twice, the second copy
running to the token cap and thrown away. On 96 last phrases cut from two sets of
answers, 12 ran to the cap and 10 looked wrong (:func:`_suspicious`); with this, 10
and 7, and the mean decode took 0.54–0.56 s instead of 0.56–0.73 s."""


def _tokens_for(samples: int) -> int:
    return int(samples / SAMPLE_RATE * SHORT_INPUT_TOKENS_PER_S) + 12


def _phrase_model_class(base: type) -> type:
    """faster-whisper's model, able to encode fewer than 3,000 mel frames.

    ``WhisperModel.encode`` receives every window padded to 30 s; when
    ``encode_frames`` is set, the padding past it is left out (CTranslate2 accepts
    shorter input), which is the only change: decoding, prompts, timestamps and word
    alignment are faster-whisper's own.
    """

    class PhraseWhisperModel(base):  # type: ignore[misc]
        _local = threading.local()  # each calling thread sets its own

        @property
        def encode_frames(self) -> int | None:
            return getattr(self._local, "frames", None)

        @encode_frames.setter
        def encode_frames(self, frames: int | None) -> None:
            self._local.frames = frames

        def encode(self, features: Any) -> Any:
            if self.encode_frames is not None:
                features = _short_window(features, self.encode_frames)
            return super().encode(features)

    return PhraseWhisperModel


def is_repetitive(text: str, max_ratio: float = 2.4) -> bool:
    """Whisper's own loop test: text that compresses too well repeats itself."""
    data = text.encode()
    return len(data) > 60 and len(data) / len(zlib.compress(data)) > max_ratio


def loops(segments: list[Segment] | tuple[Segment, ...]) -> bool:
    """Whether any segment repeats itself (:func:`is_repetitive`)."""
    return any(is_repetitive(s.text) for s in segments)


def _speech_seconds(audio: AudioArray) -> float:
    return float(speech_flags(audio).sum()) * FRAME_S


def _suspicious(segments: list[Segment], audio: AudioArray, speech_s: float | None = None) -> bool:
    """A short-input result to distrust: it loops ("bit bit bit…", a phrase said three
    times in a row, or text that compresses too well), or its words do not fit the
    speech heard: fewer than 1.5 a second (people articulate 2.5–4; a skipped sentence
    drops below) or more than 5 (a famous line "completed" past where it was cut)."""
    words = [w.word.strip(" ,.?!").lower() for s in segments for w in s.words]
    for size in range(1, 9):
        for i in range(len(words) - 3 * size + 1):
            run = words[i : i + size]
            if (
                run[0]
                and run == words[i + size : i + 2 * size] == words[i + 2 * size : i + 3 * size]
            ) and (size > 1 or run == words[i + 3 : i + 4]):  # one word: four in a row
                return True
    if is_repetitive(" ".join(s.text for s in segments)):
        return True
    if speech_s is None:  # the caller may have heard it already
        speech_s = _speech_seconds(audio)
    too_many = speech_s >= 1.0 and len(words) > speech_s * 5.0 + 2
    return too_many or len(words) < speech_s * 1.5


def _doubt(segments: list[Segment], audio: AudioArray, speech_s: float) -> tuple[bool, bool]:
    """How wrong a result looks, for choosing between two: looping first, then any
    other sign :func:`_suspicious` reads."""
    text = " ".join(s.text for s in segments)
    return is_repetitive(text), _suspicious(segments, audio, speech_s)


def _speech_after(audio: AudioArray, from_s: float, min_speech_s: float) -> bool:
    """Whether at least ``min_speech_s`` of speech lies in ``audio`` after ``from_s``."""
    tail = audio[int(max(0.0, from_s) * SAMPLE_RATE) :]
    if tail.size < min_speech_s * SAMPLE_RATE:
        return False
    return float(speech_flags(tail).sum()) * FRAME_S >= min_speech_s
