"""Pack and question values, as loaded and validated."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

KINDS = ("behavioral", "situational", "general")
DIFFICULTIES = ("easy", "medium", "hard")
LEVELS = ("entry", "mid", "senior", "any")


@dataclass(frozen=True, slots=True)
class PackTimings:
    """Seconds; a question's own timings override its pack's."""

    think_s: float = 30.0
    answer_target_s: tuple[float, float] = (60.0, 120.0)
    hard_cap_s: float = 300.0
    takes: int = 3

    def to_dict(self) -> dict[str, Any]:
        return {
            "think_s": self.think_s,
            "answer_target_s": list(self.answer_target_s),
            "hard_cap_s": self.hard_cap_s,
            "takes": self.takes,
        }


@dataclass(frozen=True, slots=True)
class SampleAnswer:
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    competency: str = ""
    kind: str = "behavioral"
    difficulty: str = "medium"
    areas_to_cover: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    sample_answers: tuple[SampleAnswer, ...] = ()
    timings: PackTimings = field(default_factory=PackTimings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "competency": self.competency,
            "kind": self.kind,
            "difficulty": self.difficulty,
            "areas_to_cover": list(self.areas_to_cover),
            "follow_ups": list(self.follow_ups),
            "sample_answers": [{"title": s.title, "text": s.text} for s in self.sample_answers],
            "timings": self.timings.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Pack:
    id: str
    title: str
    questions: tuple[Question, ...]
    role: str = ""
    level: str = "any"
    description: str = ""
    author: str = ""
    version: str = "1.0"
    language: str = "en"
    timings: PackTimings = field(default_factory=PackTimings)
    analysis: dict[str, Any] = field(default_factory=dict)
    """Overrides of :class:`coach.analysis.AnalysisSettings` for this pack's answers."""
    source: str = ""
    """Where it was loaded from (a path), for messages."""

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def difficulty_mix(self) -> dict[str, int]:
        mix = {d: 0 for d in ("easy", "medium", "hard")}
        for q in self.questions:
            mix[q.difficulty] += 1
        return mix

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "role": self.role,
            "level": self.level,
            "description": self.description,
            "author": self.author,
            "version": self.version,
            "language": self.language,
            "timings": self.timings.to_dict(),
            "questions": [q.to_dict() for q in self.questions],
        }
