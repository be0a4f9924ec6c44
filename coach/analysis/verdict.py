"""What kind of answer this is, which decides what the checklist may credit.

* ``full``: a main answer long enough to judge; its STAR parts are credited only when
  it tells one specific past example (a habit or a plan gets no part, and the screen
  asks for one real time instead: a ✓ beside "sounds like a habit" would contradict).
* ``too_short``: under ~20 s or ~40 words, too little to judge a structure.
* ``follow_up``: continues an earlier answer; judged for what the follow-up asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coach.analysis.fillers import SOUNDS
from coach.analysis.follow_up_answer import FollowUpJudgement, judge_follow_up
from coach.analysis.settings import AnalysisSettings
from coach.analysis.star import StarReading
from coach.analysis.star_features import cue_hits
from coach.analysis.text import AnswerText, QuestionContext

TOLD_THRESHOLD = 0.5
"""Mean probability, over the story sentences, that they tell a past event."""
_ASIDES = frozenset({"reflection", "other"})


@dataclass(frozen=True, slots=True)
class Verdict:
    checklist: str
    """``full``, ``too_short`` or ``follow_up``."""
    example: str
    """``specific``, ``habit``, ``hypothetical``, or ``not_judged`` (short or follow-up)."""
    follow_up: FollowUpJudgement | None = None

    @property
    def credits_parts(self) -> bool:
        return self.checklist == "full" and self.example == "specific"

    @property
    def specific_example(self) -> bool | None:
        """None when the answer was not judged as a whole story."""
        return None if self.example == "not_judged" else self.example == "specific"


SPECIFIC_STORY = Verdict("full", "specific")


def example_kind(answer: AnswerText, told: Sequence[float], labels: Sequence[str]) -> str:
    """``specific`` for one told past example; else ``habit`` ("I usually…") or
    ``hypothetical`` ("I would…"), by which cue is commoner.

    ``told`` is the model's per-sentence probability of telling a past event; lessons
    and asides are general in any answer, so the story sentences decide.
    """
    story = [p for p, label in zip(told, labels, strict=True) if label not in _ASIDES]
    story = story or list(told)
    if story and sum(story) / len(story) >= TOLD_THRESHOLD:
        return "specific"
    hypothetical = habit = 0
    for sentence in answer.sentences:
        text = answer.sentence_text(sentence)
        hypothetical += cue_hits(text, "gen_hypo")
        habit += cue_hits(text, "gen_habit")
    return "hypothetical" if hypothetical > habit else "habit"


def judge(
    answer: AnswerText,
    reading: StarReading,
    question: QuestionContext,
    settings: AnalysisSettings,
    spoken_s: float | None,
) -> Verdict:
    if question.is_follow_up:
        told = reading.told.tolist()
        judgement = judge_follow_up(question.text, answer, reading.labels, told)
        return Verdict("follow_up", "not_judged", judgement)
    words = sum(1 for t in answer.tokens if t.norm not in SOUNDS)  # "um" is not content
    if words < settings.short_answer_words or (
        spoken_s is not None and spoken_s < settings.short_answer_s
    ):
        return Verdict("too_short", "not_judged")
    return Verdict("full", example_kind(answer, reading.told.tolist(), reading.labels))
