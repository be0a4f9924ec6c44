"""Feedback for a stored answer, from what was saved: words and timings, pauses, settings.

The analysis is deterministic, so re-running it on the saved transcript gives the
feedback the candidate saw, unless the analysis has improved since; then the new
feedback can be saved over the old (:meth:`coach.store.Store.update_feedback`).
"""

from __future__ import annotations

from typing import Any

from coach.analysis import AnalysisSettings, AnswerFeedback, QuestionContext, analyze
from coach.analysis.text import AnswerText, from_text, from_words
from coach.speech.transcript import Word
from coach.store import StoredAnswer


def stored_text(
    answer: StoredAnswer,
) -> tuple[AnswerText, list[tuple[float, float]] | None, float | None]:
    """The answer's words (with timings when it was spoken), silences and length."""
    data = answer.transcript_data or {}
    try:
        words = [
            Word(float(w["start"]), float(w["end"]), str(w["word"]), float(w.get("probability", 1)))
            for seg in data.get("segments", [])
            for w in seg.get("words", [])
        ]
        silences = [(float(a), float(b)) for a, b in data.get("silences", [])] or None
        duration = float(data["duration_s"]) if data.get("duration_s") is not None else None
    except (KeyError, TypeError, ValueError):
        words, silences, duration = [], None, None
    if not words:
        return from_text(answer.transcript), None, None
    return from_words(words), silences, duration


def stored_context(answer: StoredAnswer) -> QuestionContext:
    question: dict[str, Any] = answer.question or {}
    return QuestionContext(
        text=answer.question_text,
        competency=str(question.get("competency", "")),
        areas_to_cover=tuple(question.get("areas_to_cover", ())),
        follow_ups=tuple(question.get("follow_ups", ())),
    )


def stored_settings(answer: StoredAnswer) -> AnalysisSettings:
    try:
        return AnalysisSettings().with_overrides(answer.settings)
    except (ValueError, TypeError):
        return AnalysisSettings()  # settings from another version: today's defaults


def feedback_for(answer: StoredAnswer, settings: AnalysisSettings | None = None) -> AnswerFeedback:
    """The feedback on a stored answer, with its own settings unless ``settings`` is given."""
    text, silences, duration = stored_text(answer)
    return analyze(
        text,
        silences=silences,
        question=stored_context(answer),
        settings=settings or stored_settings(answer),
        duration_s=duration,
    )
