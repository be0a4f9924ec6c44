"""A practice session from its first question to its summary, without a screen.

The :class:`PracticeController` owns the plan, where the candidate is, how many
takes each question has had and may have, and saving each take to the history.
The app routes between screens by asking it what comes next.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from coach.analysis import AnalysisSettings, AnswerFeedback, QuestionContext
from coach.history.store import Store, StoredAnswer
from coach.packs import Pack, PackTimings
from coach.practice.session import (
    PracticeSession,
    Prompt,
    SessionPlan,
    prompt_context,
    prompt_timings,
)
from coach.practice.take import TakeResult, new_answer


@dataclass(frozen=True, slots=True)
class SavedTake:
    prompt: Prompt
    feedback: AnswerFeedback | None
    answer_id: int


@dataclass(frozen=True, slots=True)
class InterviewAnswer:
    """One question of an interview as the report shows it: the answer's last take
    and the follow-ups the interviewer asked after it, each with its answer."""

    prompt: Prompt
    feedback: AnswerFeedback | None
    follow_ups: tuple[SavedTake, ...]


class PracticeController:
    """One session in the history. ``plan`` is None for answers given outside a
    planned session (a follow-up answered from Review): saved as a one-off drill.

    A mock interview runs as one unless ``feedback_each`` is set (the setting for
    people who want feedback after every question): the interviewer's follow-up comes
    by itself after each answer and the feedback waits for the end."""

    def __init__(
        self,
        plan: SessionPlan | None,
        store: Callable[[], Store],
        *,
        typed: bool = False,
        feedback_each: bool = False,
        think_s: int | None = None,
    ) -> None:
        self.session = PracticeSession(plan, typed=typed) if plan is not None else None
        self._store = store
        """Called when the session is first saved to (the store opens lazily)."""
        self.session_id: int | None = None
        self.interview = plan is not None and plan.follow_ups_expected and not feedback_each
        self.think_s = think_s
        """The candidate's own think time (settings), instead of each question's."""
        self.saved: list[SavedTake] = []
        """Every take saved in this session, in order, with the feedback shown for it."""

    @property
    def plan(self) -> SessionPlan | None:
        return self.session.plan if self.session else None

    @property
    def pack(self) -> Pack | None:
        return self.session.plan.pack if self.session else None

    @property
    def typed(self) -> bool:
        return self.session is not None and self.session.typed

    def context(self, prompt: Prompt) -> tuple[QuestionContext, AnalysisSettings, PackTimings]:
        """What the analysis and the timer need for ``prompt``."""
        context, settings, timings = prompt_context(self.pack, prompt)
        if self.think_s is not None and not prompt.is_follow_up:
            timings = replace(timings, think_s=self.think_s)
        return context, settings, timings

    def first(self) -> Prompt | None:
        current = self.session.current if self.session else None
        return Prompt.of(current) if current else None

    def takes_allowed(self, prompt: Prompt) -> int:
        return prompt_timings(self.pack, prompt).takes

    def takes_left(self, prompt: Prompt) -> bool:
        """Whether another take of ``prompt`` may be recorded after those saved."""
        if self.session is None:
            return False
        return self.session.can_retake(prompt.key, self.takes_allowed(prompt))

    def is_last_take(self, prompt: Prompt) -> bool:
        """Whether the take being recorded now is the last one allowed."""
        if self.session is None:
            return True
        return self.session.next_take(prompt.key) >= self.takes_allowed(prompt)

    def save(self, prompt: Prompt, result: TakeResult, settings: AnalysisSettings) -> int:
        """Save one take at once (its own transaction), starting the session in the
        history with its first answer; returns the answer's id."""
        store = self._store()
        if self.session_id is None:
            plan = self.session.plan if self.session else None
            self.session_id = store.start_session(
                plan.mode if plan else "drill",
                plan.pack.id if plan else None,
                plan.pack.version if plan else None,
            )
        take = self.session.next_take(prompt.key) if self.session else 1
        answer_id = store.add_answer(
            self.session_id, new_answer(prompt, result, settings, take=take)
        )
        if self.session is not None:
            self.session.record_take(prompt.key)
        self.saved.append(SavedTake(prompt, result.feedback, answer_id))
        return answer_id

    def interviewer_follow_up(
        self, prompt: Prompt, feedback: AnswerFeedback | None, answer_id: int | None
    ) -> Prompt | None:
        """What the interviewer asks next in an interview: after a main answer, the
        follow-up its feedback ranks first (gaps before the pack's own); None after a
        follow-up, outside an interview, or when there is nothing to link it to."""
        if not self.interview or prompt.is_follow_up or answer_id is None:
            return None
        if feedback is None or not feedback.follow_ups:
            return None
        return Prompt(feedback.follow_ups[0].question, None, answer_id)

    def interview_answers(self) -> list[InterviewAnswer]:
        """The report of an interview: each main question's latest take, in the order
        asked, with the follow-ups linked to any of its takes."""
        latest: dict[str, SavedTake] = {}
        for take in self.saved:
            if not take.prompt.is_follow_up:
                latest[take.prompt.key] = take  # a retake replaces it in its place
        ids_of: dict[str, set[int]] = {}
        for take in self.saved:
            if not take.prompt.is_follow_up:
                ids_of.setdefault(take.prompt.key, set()).add(take.answer_id)
        return [
            InterviewAnswer(
                main.prompt,
                main.feedback,
                tuple(t for t in self.saved if t.prompt.parent_id in ids_of[key]),
            )
            for key, main in latest.items()
        ]

    def advance(self) -> Prompt | None:
        """The next question, or None when the session is over."""
        question = self.session.advance() if self.session else None
        return Prompt.of(question) if question else None

    @property
    def skipped(self) -> list[str]:
        return [q.text for q in self.session.skipped] if self.session else []

    def answers(self) -> list[StoredAnswer]:
        """The answers saved in this session so far, in order."""
        return self._store().answers(self.session_id) if self.session_id is not None else []
