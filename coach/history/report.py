"""A coach's report of practice sessions: what the Markdown and HTML exports show.

Each answer is judged again the way Review judges it (:func:`feedback_for`, one
truth), then laid out as plain data: the transcript split into sentences marked by
STAR part, the verdict, delivery figures, fillers by word, the follow-ups suggested,
the follow-ups asked and answered, and what to work on. Renderers only format it.
Plain Python, no Textual.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from coach.analysis import AnswerFeedback
from coach.analysis.pacing import PACE_WORDS, pace_verdict
from coach.analysis.report import verdict_advice
from coach.analysis.star import COMPONENT_LETTERS
from coach.analysis.text import visible_controls
from coach.errors import CoachError
from coach.history import queries
from coach.history.queries import when
from coach.history.reanalyse import feedback_for
from coach.history.store import Store, StoredAnswer
from coach.summary import ADVICE, interview_headline, summarise

PART_NAMES = {
    "situation": "Situation",
    "task": "Task",
    "action": "Action",
    "result": "Result",
    "reflection": "Lesson",
}


@dataclass(frozen=True, slots=True)
class MarkedSentence:
    part: str
    """A STAR part (``situation``…), or "" for a sentence credited to none."""
    text: str


@dataclass
class ReportAnswer:
    question: str
    take: int
    typed: bool
    is_follow_up: bool
    transcript: str
    sentences: list[MarkedSentence] = field(default_factory=list)
    verdict: str = ""
    """``S✓ T✓ A✓ R✗ L✓``, or why no part is credited."""
    star: bool = False
    """Whether ``verdict`` is the STAR checklist (judged as one specific story)."""
    parts: list[tuple[str, bool]] = field(default_factory=list)
    """Each STAR part and whether it was found, when ``star``."""
    figures: list[str] = field(default_factory=list)
    fillers: list[tuple[str, int]] = field(default_factory=list)
    """Filler words and sounds, most used first."""
    suggested: list[str] = field(default_factory=list)
    """Follow-ups an interviewer might ask (the feedback's ranking)."""
    advice: list[str] = field(default_factory=list)
    follow_ups: list[ReportAnswer] = field(default_factory=list)
    """Follow-up questions asked after this answer, each with its answer."""

    @property
    def to_rehearse(self) -> list[str]:
        """The suggested follow-ups not already asked (none for a follow-up answer)."""
        if self.is_follow_up:
            return []
        asked = {f.question for f in self.follow_ups}
        return [q for q in self.suggested if q not in asked]


@dataclass
class ReportSession:
    id: int
    when: str
    pack: str
    mode: str
    headline: str
    answers: list[ReportAnswer]
    practise_next: list[str]


def _clean(text: object) -> str:
    return visible_controls(str(text))


def answer_advice(feedback: AnswerFeedback) -> list[str]:
    """What to work on in this answer, most useful first."""
    verdict, pace = feedback.verdict, feedback.pacing
    advice: list[str] = []
    if verdict.checklist == "follow_up" and verdict.follow_up is not None:
        if not verdict.follow_up.answered:
            advice.append(f"Answer what was asked: it wanted {verdict.follow_up.wanted}.")
    elif not verdict.credits_parts:
        advice.append(verdict_advice(feedback))
    else:
        advice += [ADVICE[part] for part, found in feedback.star.items() if not found.present]
    settings = feedback.settings
    if pace.wpm is not None and (said := pace_verdict(pace.wpm, settings)) in (
        "too_fast",
        "too_slow",
    ):
        low, high = settings.target_wpm
        advice.append(
            f"Pace was {PACE_WORDS[said]} at {pace.wpm:.0f} wpm: aim for {low:.0f}–{high:.0f}."
        )
    per_min = feedback.fillers_per_minute
    if per_min is not None and per_min > settings.fillers_high_per_min:
        advice.append(f"{per_min:.1f} fillers a minute: swap them for short silent pauses.")
    missed = [a.area for a in feedback.areas if not a.touched]
    if missed and verdict.credits_parts:
        advice.append("Not heard: " + "; ".join(_clean(m) for m in missed[:3]) + ".")
    return advice


def report_answer(answer: StoredAnswer) -> ReportAnswer:
    out = ReportAnswer(
        question=_clean(answer.question_text),
        take=answer.take,
        typed=answer.typed,
        is_follow_up=answer.parent_id is not None,
        transcript=_clean(answer.transcript),
    )
    try:
        feedback = feedback_for(answer)
    except (CoachError, ValueError):  # an imported row the analysis cannot read
        out.verdict = "not analysed"
        return out
    text = feedback.transcript
    out.sentences = [
        MarkedSentence(label if label in PART_NAMES else "", _clean(text[a:b]))
        for a, b, label in feedback.sentence_labels
    ]
    verdict = feedback.verdict
    if verdict.checklist == "follow_up" and verdict.follow_up is not None:
        answered = verdict.follow_up.answered
        out.verdict = "follow-up " + ("✓ answered" if answered else "✗ not answered")
    elif verdict.checklist == "too_short":
        out.verdict = "too short to judge"
    elif not verdict.credits_parts:
        out.verdict = "not one specific story"
    else:
        out.star = True
        out.parts = [(name, part.present) for name, part in feedback.star.items()]
        out.verdict = " ".join(
            COMPONENT_LETTERS[name] + ("✓" if found else "✗") for name, found in out.parts
        )
    pace = feedback.pacing
    if pace.wpm is not None:
        said = PACE_WORDS.get(pace_verdict(pace.wpm, feedback.settings) or "", "")
        out.figures.append(f"{pace.wpm:.0f} wpm" + (f" ({said})" if said else ""))
    if feedback.fillers_per_minute is not None:
        out.figures.append(f"{feedback.fillers_per_minute:.1f} fillers/min")
    if pace.duration_s is not None:
        out.figures.append(f"{pace.duration_s:.0f} s")
    if answer.typed:
        out.figures.append("typed")
    counts = Counter(f.text.lower() for f in feedback.fillers)
    out.fillers = [(_clean(word), n) for word, n in counts.most_common()]
    out.suggested = [_clean(f.question) for f in feedback.follow_ups]
    out.advice = answer_advice(feedback)
    return out


def report_sessions(store: Store, ids: list[int]) -> list[ReportSession]:
    """The report of the sessions ``ids`` (those since deleted are left out)."""
    out = []
    for session_id in ids:
        info = queries.session(store, session_id)
        if info is None:
            continue
        answers = store.answers(session_id)
        built = {a.id: report_answer(a) for a in answers}
        main: list[ReportAnswer] = []
        for answer in answers:
            parent = built.get(answer.parent_id) if answer.parent_id is not None else None
            if parent is not None:
                parent.follow_ups.append(built[answer.id])
            else:
                main.append(built[answer.id])
        summary = summarise(answers)
        out.append(
            ReportSession(
                id=session_id,
                when=when(info.started_at),
                pack=_clean(info.pack_id or "no pack"),
                mode=_clean(info.mode or ""),
                headline=interview_headline(answers) if answers else "No answers.",
                answers=main,
                practise_next=list(summary.practise_next),
            )
        )
    return out
