"""Transcript value objects: words with timings, segments, a whole transcript."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word; times in seconds from the start of the recording."""

    start: float
    end: float
    word: str
    """The word as Whisper wrote it, with its leading space and punctuation."""
    probability: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "word": self.word,
            "probability": round(self.probability, 4),
        }


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of speech Whisper decoded as one piece."""

    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    no_speech_prob: float = 0.0
    avg_logprob: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "text": self.text.strip(),
            "words": [w.to_dict() for w in self.words],
        }


def join_text(segments: list[Segment] | tuple[Segment, ...]) -> str:
    """The readable text of ``segments``: stripped pieces joined by single spaces."""
    return " ".join(s.text.strip() for s in segments if s.text.strip())


@dataclass(frozen=True, slots=True)
class Transcript:
    """The transcript of one recording."""

    segments: tuple[Segment, ...]
    duration_s: float
    model: str
    language: str = "en"

    @property
    def text(self) -> str:
        return join_text(self.segments)

    @property
    def words(self) -> list[Word]:
        return [w for s in self.segments for w in s.words]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``coach transcribe --json``."""
        return {
            "text": self.text,
            "duration_s": round(self.duration_s, 3),
            "model": self.model,
            "segments": [s.to_dict() for s in self.segments],
        }
