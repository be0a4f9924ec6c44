"""Turning a file into an answer to analyse: audio, a .txt transcript, or our JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coach.analysis.prosody import VoiceTrack, voice_track
from coach.analysis.text import AnswerText, from_text, from_words
from coach.errors import UsageError
from coach.locations import input_file
from coach.speech.transcript import Segment, Word

TEXT_SUFFIXES = {".txt", ".md", ".text"}
MAX_TEXT_BYTES = 2_000_000


@dataclass(frozen=True, slots=True)
class LoadedAnswer:
    answer: AnswerText
    silences: Sequence[tuple[float, float]] | None
    duration_s: float | None
    voice: VoiceTrack | None = None


def _read_text(path: Path) -> str:
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise UsageError(f"{path.name} is larger than 2 MB; that is not one answer")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path.name} is not UTF-8 text", hint="save it as UTF-8") from exc


def _from_json(path: Path) -> LoadedAnswer:
    try:
        data = json.loads(_read_text(path))
        words = [
            Word(float(w["start"]), float(w["end"]), str(w["word"]), float(w["probability"]))
            for seg in data["segments"]
            for w in seg["words"]
        ]
        duration = float(data["duration_s"])
    except (ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path.name} is not a transcript from `coach transcribe --json`") from exc
    return LoadedAnswer(from_words(words), None, duration)


def load_answer(
    path_text: str, *, model: str, progress: Callable[[float, str], None] | None = None
) -> LoadedAnswer:
    path = input_file(path_text, "answer file")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        text = _read_text(path)
        if not text.strip():
            raise UsageError(f"{path.name} is empty")
        return LoadedAnswer(from_text(text), None, None)
    if suffix == ".json":
        return _from_json(path)
    from coach.speech.sources import MAX_ANSWER_S, decode_audio_file
    from coach.speech.transcriber import Transcriber
    from coach.speech.vad import FRAME_S, silences, speech_flags

    audio = decode_audio_file(path, max_seconds=MAX_ANSWER_S)
    transcriber = Transcriber(model, progress=progress)
    if progress is not None:
        progress(1.0, f"Transcribing {audio.size / 16000:.0f} s of audio")
    transcript = transcriber.transcribe(audio)
    segments: tuple[Segment, ...] = transcript.segments
    if not transcript.words:
        raise UsageError(
            f"no speech heard in {path.name} ({audio.size / 16000:.1f} s)",
            hint="check the recording has your voice in it (try `coach transcribe` on it)",
        )
    answer = from_words(transcript.words) if segments else from_text("")
    flags = speech_flags(audio)
    voice = voice_track(audio, flags.tolist(), FRAME_S)
    return LoadedAnswer(answer, silences(flags), transcript.duration_s, voice)
