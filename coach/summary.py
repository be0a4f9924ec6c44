"""What a practice session amounted to, from its saved answers. No Textual."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from coach.analysis.feedback import parts_present, verdict_label
from coach.store import StoredAnswer, as_mapping, finite

ADVICE = {
    "situation": "Open with one or two sentences of context: where, when, what was at stake.",
    "task": "Say what you were responsible for before you describe what you did.",
    "action": "Spend most of the answer on the steps you took yourself, with 'I'.",
    "result": "End with the outcome, and put a number on it where you can.",
    "reflection": "Close with what you learned or would do differently.",
}


@dataclass(frozen=True, slots=True)
class AnswerLine:
    question: str
    parts: dict[str, bool]
    wpm: float | None
    fillers: int
    follow_up: bool
    typed: bool
    take: int = 1
    verdict: str = ""
    """Why no part is credited ("a habit", "too short", "follow-up ✓"); "" for a story."""


@dataclass(frozen=True, slots=True)
class SessionSummary:
    answers: tuple[AnswerLine, ...]
    practise_next: tuple[str, ...]
    skipped: tuple[str, ...] = ()


def summarise(answers: list[StoredAnswer], skipped: list[str] | None = None) -> SessionSummary:
    """Summarise ``answers`` (one session's, in order); ``skipped`` lists the texts of
    questions passed over without an answer."""
    lines: list[AnswerLine] = []
    missing: Counter[str] = Counter()
    filler_rates: list[float] = []
    not_specific = too_short = 0
    for answer in answers:
        fb = answer.feedback or {}
        parts = parts_present(fb)
        speech = as_mapping(fb.get("speech"))
        fillers = as_mapping(speech.get("fillers"))
        count = finite(fillers.get("count"))
        lines.append(
            AnswerLine(
                question=answer.question_text,
                parts=parts,
                wpm=finite(speech.get("wpm")),
                fillers=int(count) if count is not None and 0 <= count < 1e9 else 0,
                follow_up=answer.parent_id is not None,
                typed=answer.typed,
                take=answer.take,
                verdict=verdict_label(fb),
            )
        )
        if answer.parent_id is None:  # a follow-up answer need not be a full story
            missing.update(p for p, present in parts.items() if not present)
            not_specific += fb.get("specific_example") is False
            too_short += fb.get("checklist") == "too_short"
        if (per_minute := finite(fillers.get("per_minute"))) is not None:
            filler_rates.append(per_minute)
    advice = [ADVICE[part] for part, _count in missing.most_common(2)]
    if not_specific:
        advice.insert(0, "Tell one real event from start to finish, not what you usually do.")
    if too_short:
        some = "one answer was" if too_short == 1 else f"{too_short} answers were"
        advice.insert(0, f"Tell the whole story in 60–120 s: {some} too short to judge.")
    if filler_rates and max(filler_rates) > 12:
        advice.append("Swap fillers for short silent pauses: you went over 12 a minute.")
    if skipped:
        advice.append(
            f"Come back to the {len(skipped)} question{'s' if len(skipped) > 1 else ''}"
            " you skipped: the hard ones are the ones worth rehearsing."
        )
    return SessionSummary(tuple(lines), tuple(advice[:3]), tuple(skipped or ()))
