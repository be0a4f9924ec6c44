"""Follow-up questions an interviewer would ask next, ranked.

First the pack's own follow-ups that probe what the answer lacked or touched
lightly, then probes generated for the gaps found. Each comes with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.analysis.areas import AreaCoverage
from coach.analysis.signals import ContentSignals, content_stems

GAP_PROBES: dict[str, str] = {
    "no_example": "Can you tell me about one specific time this happened, from start to finish?",
    "situation": "What was the background: where were you working, and what was going on?",
    "task": "What exactly were you responsible for in that situation?",
    "action": "Walk me through the specific steps you took yourself.",
    "result": "What was the outcome, and how did you measure it?",
    "result_number": "Can you put a number on the result: how much did things change?",
    "we": "You said 'we' a lot. What was your personal contribution?",
    "reflection": "What did you learn from it, and what would you do differently next time?",
    "reasons": "Why did you choose that approach over the alternatives?",
}

DOMAIN_WORDS = frozenset({"customer", "client", "colleague", "team", "time", "person", "people"})
"""Words in nearly every area and follow-up of a service pack: no evidence of a match."""

DEEPENING_PROBES = (
    "What was the hardest moment in that situation, and how did you handle it?",
    "How did the other people involved react to what you did?",
)

# Words that mark a pack follow-up as probing a STAR part.
PART_WORDS: dict[str, frozenset[str]] = {
    "result": frozenset({"outcome", "result", "impact", "measure", "metric", "success", "end"}),
    "reflection": frozenset(
        {
            "learn",
            "differently",
            "again",
            "back",
            "lesson",
            "influence",
            "change",
            "now",
            "future",
            "approach",
        }
    ),
    "action": frozenset({"step", "specific", "technique", "did", "how", "handle", "approach"}),
    "task": frozenset({"responsib", "role", "goal", "expect", "priorit"}),
    "situation": frozenset({"context", "situation", "background", "why", "cause", "signal"}),
}


@dataclass(frozen=True, slots=True)
class FollowUp:
    question: str
    reason: str
    source: str
    """'pack' or 'generated'."""


def _gaps(present: dict[str, bool], specific: bool, signals: ContentSignals) -> list[str]:
    gaps: list[str] = []
    if not specific:
        gaps.append("no_example")
    for part in ("result", "action", "task", "situation", "reflection"):
        if not present.get(part, False):
            gaps.append(part)
    if present.get("result") and signals.numbers_in_result == 0:
        gaps.append("result_number")
    if signals.we_in_actions > signals.i_in_actions and signals.we_in_actions >= 2:
        gaps.append("we")
    if present.get("action") and signals.reasons == 0:
        gaps.append("reasons")
    return gaps


def recommend(
    present: dict[str, bool],
    specific: bool,
    signals: ContentSignals,
    areas: list[AreaCoverage],
    pack_follow_ups: tuple[str, ...],
    limit: int = 5,
) -> list[FollowUp]:
    if not specific:  # one real event first: gaps in a story not told are not gaps
        ranked = [FollowUp(GAP_PROBES["no_example"], _gap_reason("no_example"), "generated")]
        ranked += [
            FollowUp(q, "a follow-up from the question pack", "pack") for q in pack_follow_ups
        ]
        return ranked[:limit]
    gaps = _gaps(present, specific, signals)
    missing_areas = [a for a in areas if not a.touched]
    scored: list[tuple[float, int, FollowUp]] = []
    for order, question in enumerate(pack_follow_ups):
        words = content_stems(question)
        score = 0.0
        reason = ""
        for part in ("result", "reflection", "action", "task", "situation"):
            if part in gaps and any(w.startswith(p) for w in words for p in PART_WORDS[part]):
                score += 2.0
                reason = reason or f"your answer had no clear {part}"
        for area in missing_areas:
            overlap = (words & content_stems(area.area)) - DOMAIN_WORDS
            if len(overlap) >= 1:
                score += 1.0
                reason = reason or f"not covered: {area.area}"
        if score > 0:
            scored.append((score, order, FollowUp(question, reason, "pack")))
    scored.sort(key=lambda item: (-item[0], item[1]))
    ranked = [f for _s, _o, f in scored]
    for gap in gaps:
        ranked.append(FollowUp(GAP_PROBES[gap], _gap_reason(gap), "generated"))
    for question in pack_follow_ups:  # the pack's remaining questions are still worth asking
        if all(f.question != question for f in ranked):
            ranked.append(FollowUp(question, "a follow-up from the question pack", "pack"))
    for question in DEEPENING_PROBES:  # a complete answer still invites a deeper question
        if len(ranked) >= 2:
            break
        ranked.append(FollowUp(question, "goes deeper into a complete answer", "generated"))
    return ranked[:limit]


def _gap_reason(gap: str) -> str:
    return {
        "no_example": "the answer described a habit or a hypothetical, not one real event",
        "result_number": "the result had no number in it",
        "we": "the actions were told as 'we' more than 'I'",
        "reasons": "no reasons were given for the actions",
    }.get(gap, f"the answer had no clear {gap}")
