"""The line above a question: where the candidate is in the session, and the timings."""

from __future__ import annotations

from rich.text import Text

from coach.packs import PackTimings
from coach.practice.session import MODE_TITLES, PracticeSession, Prompt
from coach.widgets.safe import plain


def question_header(practice: PracticeSession | None, prompt: Prompt, timings: PackTimings) -> Text:
    out = Text(style="dim")
    if practice is not None:
        mode = MODE_TITLES[practice.plan.mode].split(":")[0]
        out.append(f"{mode} · ", style="bold")
        if prompt.is_follow_up:
            out.append("follow-up question")
        else:
            out.append(f"question {practice.position}")
        take = practice.next_take(prompt.key)
        out.append(f" · take {take} of {timings.takes}")
    question = prompt.question
    if question is not None and question.competency:
        out.append(f" · {plain(question.competency)} · {question.difficulty}")
    low, high = timings.answer_target_s
    out.append(f" · aim for {low:.0f}–{high:.0f} s")
    return out
