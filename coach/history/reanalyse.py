"""Feedback for a stored answer, from what was saved: words and timings, pauses, settings.

The analysis is deterministic, so re-running it on the saved transcript gives the
feedback the candidate saw, unless the analysis has improved since; then the new
feedback can be saved over the old (:meth:`coach.history.store.Store.update_feedback`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from coach.analysis import AnalysisSettings, AnswerFeedback, QuestionContext, analyze
from coach.analysis.prosody import VoiceFeedback
from coach.analysis.text import AnswerText, from_text, from_words
from coach.history.import_check import MAX_SECONDS
from coach.history.store import StoredAnswer
from coach.packs.context import context_from_dict
from coach.speech.transcript import Word


def stored_text(
    answer: StoredAnswer,
) -> tuple[AnswerText, list[tuple[float, float]] | None, float | None]:
    """The answer's words (with timings when it was spoken), silences and length."""
    data = answer.transcript_data or {}
    try:  # read as untrusted (the database may have been edited): any oddity, no timings
        words = [
            Word(_time(w["start"]), _time(w["end"]), str(w["word"]), float(w.get("probability", 1)))
            for seg in data.get("segments", [])
            for w in seg.get("words", [])
        ]
        silences = [(_time(a), _time(b)) for a, b in data.get("silences", [])] or None
        duration = _time(data["duration_s"]) if data.get("duration_s") is not None else None
    except (KeyError, TypeError, ValueError, AttributeError):
        words, silences, duration = [], None, None
    if not words:
        return from_text(answer.transcript), None, None
    return from_words(words), silences, duration


def _time(value: Any) -> float:
    """Seconds within an answer; anything else (NaN, 1e300, text) is refused."""
    number = float(value)
    if isinstance(value, bool | str) or not 0 <= number <= MAX_SECONDS:
        raise ValueError(f"not a time within an answer: {value!r:.20}")
    return number


def stored_context(answer: StoredAnswer) -> QuestionContext:
    return context_from_dict(
        answer.question_text, answer.question, is_follow_up=answer.parent_id is not None
    )


def stored_settings(answer: StoredAnswer) -> AnalysisSettings:
    return AnalysisSettings.saved(answer.settings)


def feedback_for(answer: StoredAnswer, settings: AnalysisSettings | None = None) -> AnswerFeedback:
    """The feedback on a stored answer, with its own settings unless ``settings`` is given."""
    text, silences, duration = stored_text(answer)
    feedback = analyze(
        text,
        silences=silences,
        question=stored_context(answer),
        settings=settings or stored_settings(answer),
        duration_s=duration,
    )
    # Pitch and loudness came from the recording when it was made; they are kept.
    voice = VoiceFeedback.from_dict((answer.feedback or {}).get("voice"))
    return replace(feedback, voice=voice) if voice else feedback
