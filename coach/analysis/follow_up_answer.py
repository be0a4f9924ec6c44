"""A follow-up answer is judged for what the follow-up asked, not as a whole story.

"What was the outcome?" wants an outcome; "Can you put a number on it?" a number;
"Why did you choose that?" a reason; "What did you learn?" a lesson; "What was your
part?" the speaker's own actions. The answer is read with the same sentence model
as a full answer (its labels, unmasked) and a few plain cues.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coach.analysis.star_features import cue_hits
from coach.analysis.text import AnswerText

ASKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("number", re.compile(r"\b(number|how (much|many|long|often)|percent|quantif|metric)")),
    ("lesson", re.compile(r"\b(learn|lesson|differently|again|take away|takeaway|now|since)\b")),
    ("reason", re.compile(r"\b(why|reason|decid|choose|chose|chosen|alternative)")),
    ("outcome", re.compile(r"\b(outcome|result|happen|end|turn(ed)? out|impact|react|respon)")),
    ("own_part", re.compile(r"\b(you personally|your (own )?(part|role|contribution))\b")),
    ("example", re.compile(r"\b(specific time|one time|an example|for example)\b")),
)
"""What a follow-up asks for, the first match wins (a "number" question is also about
an outcome, so the narrower ask is tried first)."""

WANTED = {
    "number": "a number",
    "lesson": "what you learned or would change",
    "reason": "the reason for your choice",
    "outcome": "the outcome",
    "own_part": "what you did yourself",
    "example": "one real event",
    "details": "more detail",
}

_NUMBER = re.compile(
    r"\b\d[\d,.]*\s?%?|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half|double|"
    r"twice|a dozen|dozens)\b",
    re.IGNORECASE,
)
_I_WORDS = re.compile(r"\b(i|i'm|i've|i'd|me|my|myself)\b", re.IGNORECASE)
_WE_WORDS = re.compile(r"\b(we|we're|we've|we'd|us|our)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FollowUpJudgement:
    asks: str
    """number, lesson, reason, outcome, own_part, example or details."""
    answered: bool
    evidence: tuple[tuple[int, int], ...]
    """(char_start, char_end) of the sentences that give what was asked."""

    @property
    def wanted(self) -> str:
        return WANTED[self.asks]


def what_it_asks(question: str) -> str:
    low = question.lower()
    for name, pattern in ASKS:
        if pattern.search(low):
            return name
    return "details"


def judge_follow_up(
    question: str, answer: AnswerText, labels: Sequence[str], told: Sequence[float]
) -> FollowUpJudgement:
    """Whether the answer gives what ``question`` asked, and in which sentences."""
    asks = what_it_asks(question)
    hits: list[tuple[int, int]] = []
    for i, (sentence, label) in enumerate(zip(answer.sentences, labels, strict=True)):
        text = answer.sentence_text(sentence)
        if asks == "number":
            found = bool(_NUMBER.search(text))
        elif asks == "lesson":
            found = label == "reflection" or bool(
                cue_hits(text, "ref_lesson") or cue_hits(text, "ref_future")
            )
        elif asks == "reason":
            found = bool(cue_hits(text, "act_why")) or " why " in f" {text.lower()} "
        elif asks == "outcome":
            found = label == "result"
        elif asks == "own_part":
            found = label == "action" and len(_I_WORDS.findall(text)) >= len(
                _WE_WORDS.findall(text)
            )
        elif asks == "example":
            found = told[i] >= 0.5 and label not in ("reflection", "other")
        else:
            found = label != "other"
        if found:
            hits.append((sentence.char_start, sentence.char_end))
    answered = len(hits) >= (2 if asks == "example" else 1)
    return FollowUpJudgement(asks, answered, tuple(hits))
