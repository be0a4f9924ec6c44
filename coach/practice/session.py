"""A practice session: which questions, in what order, and where the candidate is.

Three modes, as people practise:

* **drill**: one question, answered as often as the takes allow;
* **mock**: 3–5 questions run like a real behavioral interview (a warm-up first,
  harder ones later), each followed by the interviewer's follow-up;
* **custom**: the questions a coach or candidate picks by competency and
  difficulty, a chosen number of them, shuffled or in the pack's order.

Plain Python: :class:`coach.practice.controller.PracticeController` keeps a
:class:`PracticeSession` and saves its takes.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from coach.analysis import AnalysisSettings, QuestionContext
from coach.errors import UsageError
from coach.packs import Pack, PackTimings, Question
from coach.packs.context import context_for

Mode = Literal["drill", "mock", "custom"]
MODES: tuple[Mode, ...] = ("drill", "mock", "custom")
MODE_TITLES: dict[Mode, str] = {
    "drill": "Drill: one question",
    "mock": "Mock interview: 3–5 questions with follow-ups",
    "custom": "Custom: pick competencies, difficulty and count",
}
MOCK_MIN, MOCK_MAX, MOCK_DEFAULT = 3, 5, 4
DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}


@dataclass(frozen=True, slots=True)
class SessionPlan:
    mode: Mode
    pack: Pack
    questions: tuple[Question, ...]

    @property
    def follow_ups_expected(self) -> bool:
        """A mock interview asks a follow-up after each answer, as interviewers do."""
        return self.mode == "mock"


def plan_session(
    pack: Pack,
    mode: Mode,
    *,
    count: int | None = None,
    competencies: Iterable[str] = (),
    difficulties: Iterable[str] = (),
    shuffle: bool = True,
    avoid: Iterable[str] = (),
    rng: random.Random | None = None,
) -> SessionPlan:
    """Choose the questions for one session from ``pack``.

    ``avoid`` lists question ids already asked recently; they are used only when
    nothing fresh is left. Raises :class:`UsageError` when a filter matches nothing.
    """
    if mode not in MODES:
        raise UsageError(f"unknown mode {mode!r}", hint=f"choose one of: {', '.join(MODES)}")
    rng = rng or random.Random()
    pool = _filtered(pack.questions, set(competencies), set(difficulties))
    if not pool:
        raise UsageError(
            "no question in this pack matches those filters",
            hint="choose fewer competencies or another difficulty",
        )
    seen = set(avoid)
    fresh = [q for q in pool if q.id not in seen]
    ordered = _ordered(fresh, shuffle, rng) + _ordered(
        [q for q in pool if q.id in seen], shuffle, rng
    )
    if mode == "drill":
        chosen = ordered[:1]
    elif mode == "mock":
        wanted = max(MOCK_MIN, min(MOCK_MAX, count or MOCK_DEFAULT))
        chosen = _interview_order(ordered[:wanted])
    else:
        chosen = ordered[: max(1, count or 3)]
    return SessionPlan(mode, pack, tuple(chosen))


def weak_spot_plan(
    packs: Sequence[Pack], spots: Sequence[tuple[str | None, str]], limit: int = MOCK_MAX
) -> tuple[SessionPlan | None, int]:
    """A custom session of weak spots, given as (pack id, question id), weakest first.

    A session holds one pack's questions, so it takes the pack with the most weak
    spots (still installed, question still in it), up to ``limit`` questions in the
    order given; returns it (None if there is none) and how many spots it leaves out.
    """
    by_id = {p.id: p for p in packs}
    found: dict[str, list[Question]] = {}
    for pack_id, question_id in spots:
        pack = by_id.get(pack_id or "")
        question = pack.question(question_id) if pack else None
        if pack is not None and question is not None and question not in found.get(pack.id, []):
            found.setdefault(pack.id, []).append(question)
    if not found:
        return None, len(spots)
    pack_id = max(found, key=lambda i: len(found[i]))  # the first of equals: the weakest
    chosen = tuple(found[pack_id][:limit])
    return SessionPlan("custom", by_id[pack_id], chosen), len(spots) - len(chosen)


def _filtered(
    questions: Sequence[Question], competencies: set[str], difficulties: set[str]
) -> list[Question]:
    return [
        q
        for q in questions
        if (not competencies or q.competency in competencies)
        and (not difficulties or q.difficulty in difficulties)
    ]


def _ordered(questions: list[Question], shuffle: bool, rng: random.Random) -> list[Question]:
    if shuffle:
        questions = list(questions)
        rng.shuffle(questions)
    return questions


def _interview_order(questions: list[Question]) -> list[Question]:
    """Warm up with the easiest, then keep the rest as chosen (stable by difficulty)."""
    return sorted(questions, key=lambda q: DIFFICULTY_ORDER.get(q.difficulty, 1))


@dataclass
class PracticeSession:
    """Where the candidate is in a plan: the current question and its takes."""

    plan: SessionPlan
    typed: bool = False
    index: int = 0
    takes: dict[str, int] = field(default_factory=dict)
    skipped: list[Question] = field(default_factory=list)

    @property
    def current(self) -> Question | None:
        questions = self.plan.questions
        return questions[self.index] if self.index < len(questions) else None

    @property
    def position(self) -> str:
        """``2 of 4`` for the screens."""
        total = len(self.plan.questions)
        return f"{min(self.index + 1, total)} of {total}"

    def next_take(self, key: str) -> int:
        """The number the next take of the question ``key`` will get (1 for the first).

        ``key`` is a question id, or any stable text for a follow-up question."""
        return self.takes.get(key, 0) + 1

    def can_retake(self, key: str, allowed: int) -> bool:
        return self.takes.get(key, 0) < allowed

    def record_take(self, key: str) -> int:
        """Count a take of the question ``key``; returns its take number."""
        take = self.next_take(key)
        self.takes[key] = take
        return take

    def advance(self) -> Question | None:
        """Move to the next question (noting the current one as skipped if it got no
        answer); None when the session is over."""
        current = self.current
        if current is not None and current.id not in self.takes:
            self.skipped.append(current)
        self.index += 1
        return self.current


@dataclass(frozen=True, slots=True)
class Prompt:
    """One thing to answer: a pack question, or a follow-up to an earlier answer."""

    text: str
    question: Question | None = None
    parent_id: int | None = None

    @property
    def key(self) -> str:
        """Identifies the question across takes."""
        if self.question is not None:
            return self.question.id
        return f"follow-up:{self.parent_id}:{self.text}"

    @property
    def is_follow_up(self) -> bool:
        return self.parent_id is not None

    @classmethod
    def of(cls, question: Question) -> Prompt:
        return cls(question.text, question)


def prompt_context(
    pack: Pack | None, prompt: Prompt
) -> tuple[QuestionContext, AnalysisSettings, PackTimings]:
    """What the analysis and the timer need for ``prompt``.

    A pack question brings its areas, follow-ups and timing band; a follow-up is asked
    straight away (no think time) and judged on the general length band."""
    timings = prompt_timings(pack, prompt)
    if pack is not None and prompt.question is not None:
        context, settings = context_for(pack, prompt.question)
        return context, settings, timings
    settings = AnalysisSettings().with_overrides(pack.analysis if pack else {})
    context = QuestionContext(text=prompt.text, is_follow_up=prompt.is_follow_up)
    return context, settings, timings


def prompt_timings(pack: Pack | None, prompt: Prompt) -> PackTimings:
    """Think time, length band, hard cap and takes for ``prompt``: a pack question's
    own; a follow-up is asked at once, with the pack's hard cap and takes."""
    if prompt.question is not None:
        return prompt.question.timings
    base = pack.timings if pack else PackTimings()
    band = AnalysisSettings().with_overrides(pack.analysis if pack else {}).follow_up_s
    return PackTimings(
        think_s=0, answer_target_s=band, hard_cap_s=base.hard_cap_s, takes=base.takes
    )
