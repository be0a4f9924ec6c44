"""Offline transcription with faster-whisper: audio array in, timed words out."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import ctranslate2
import numpy as np

from coach.errors import ModelError
from coach.speech.audio import SAMPLE_RATE, AudioArray
from coach.speech.cpu import physical_cores
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


class Transcriber:
    """A loaded Whisper model. Use from one thread at a time (a lock enforces it)."""

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
        self._lock = threading.Lock()
        ensure_offline()
        try:
            from faster_whisper import WhisperModel
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelError("faster-whisper is not installed", hint="run `make run`") from exc
        if progress:
            progress(1.0, f"Loading Whisper {self.resolved.name}")
        try:
            self._model: Any = WhisperModel(
                str(self.resolved.path),
                device="cpu",
                compute_type="int8",
                cpu_threads=self.cpu_threads,
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
        self, audio: AudioArray, *, offset: float = 0.0, context: str = ""
    ) -> list[Segment]:
        """Transcribe ``audio`` (16 kHz mono float32); times are shifted by ``offset``.

        ``context`` is text said just before this audio (the streaming transcriber
        passes what it already committed); it is appended to the filler prompt.
        """
        segments = self._decode(audio, offset, context)
        # Whisper sometimes ends a window early and silently skips the speech after
        # it. Where the energy VAD still hears speech past the last word, decode the
        # rest again (bounded, so a noisy room cannot loop).
        for _ in range(3):
            last_end = segments[-1].end - offset if segments else 0.0
            if not _speech_after(audio, last_end + 0.5, min_speech_s=1.0):
                break
            start = max(0, int((last_end - 0.1) * SAMPLE_RATE))
            more = self._decode(
                audio[start:], offset + start / SAMPLE_RATE, f"{context} {join_text(segments)}"
            )
            more = [seg for seg in more if seg.end > offset + last_end + 0.05]
            if not more:
                break
            segments.extend(more)
        return segments

    def _decode(self, audio: AudioArray, offset: float, context: str) -> list[Segment]:
        if audio.size < SAMPLE_RATE // 10:
            return []
        opts = self.options
        prompt = opts.filler_prompt
        if context:
            prompt = f"{prompt} {' '.join(context.split()[-24:])}"
        with self._lock:
            ctranslate2.set_random_seed(0)  # temperature fallback samples: keep it repeatable
            pieces, _info = self._model.transcribe(
                np.ascontiguousarray(audio, dtype=np.float32),
                language=opts.language,
                beam_size=opts.beam_size,
                temperature=list(opts.temperatures),
                word_timestamps=True,
                vad_filter=opts.vad_filter,
                initial_prompt=prompt or None,
                condition_on_previous_text=False,
                no_speech_threshold=opts.no_speech_threshold,
            )
            segments = [self._convert(piece, offset) for piece in pieces]
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

    def transcribe(self, audio: AudioArray) -> Transcript:
        """Transcribe a whole recording at once."""
        segments = self.transcribe_segments(audio)
        return Transcript(tuple(segments), audio.size / SAMPLE_RATE, self.model_name)


def _speech_after(audio: AudioArray, from_s: float, min_speech_s: float) -> bool:
    """Whether at least ``min_speech_s`` of speech lies in ``audio`` after ``from_s``."""
    tail = audio[int(max(0.0, from_s) * SAMPLE_RATE) :]
    if tail.size < min_speech_s * SAMPLE_RATE:
        return False
    return float(speech_flags(tail).sum()) * FRAME_S >= min_speech_s
