"""A pack question as the analysis sees it: areas, follow-ups and setting overrides."""

from __future__ import annotations

from typing import Any

from coach.analysis.settings import AnalysisSettings
from coach.analysis.text import QuestionContext
from coach.errors import UsageError
from coach.packs.model import Pack, Question
from coach.packs.registry import find_pack


def question_context(pack_ref: str, question_id: str) -> tuple[QuestionContext, AnalysisSettings]:
    pack = find_pack(pack_ref)
    question = pack.question(question_id)
    if question is None:
        ids = ", ".join(q.id for q in pack.questions[:12])
        raise UsageError(f"pack '{pack.id}' has no question '{question_id}'", hint=f"ids: {ids}…")
    return context_for(pack, question)


def context_for(pack: Pack, question: Question) -> tuple[QuestionContext, AnalysisSettings]:
    """The analysis' view of a pack question: its areas, follow-ups and timing band."""
    low, high = question.timings.answer_target_s
    settings = AnalysisSettings().with_overrides(
        {
            "green_s": (low, high),
            "amber_s": (max(0.0, low - 15.0), high + 60.0),
            **pack.analysis,
        }
    )
    context = QuestionContext(
        text=question.text,
        competency=question.competency,
        areas_to_cover=question.areas_to_cover,
        follow_ups=question.follow_ups,
    )
    return context, settings


def context_from_dict(
    text: str, question: dict[str, Any] | None, *, is_follow_up: bool = False
) -> QuestionContext:
    """The analysis' view of a question kept as data (:meth:`Question.to_dict`, in the
    history or a recovery note), read as untrusted: odd fields are left out."""
    question = question or {}
    competency = question.get("competency", "")
    return QuestionContext(
        text=text,
        competency=competency if isinstance(competency, str) else "",
        areas_to_cover=_texts(question.get("areas_to_cover")),
        follow_ups=_texts(question.get("follow_ups")),
        is_follow_up=is_follow_up,
    )


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()
