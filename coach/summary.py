"""What a practice session amounted to, from its saved answers. No Textual."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from coach.analysis.feedback import parts_present, verdict_label
from coach.analysis.pacing import pace_verdict
from coach.analysis.settings import AnalysisSettings
from coach.history.reanalyse import stored_settings
from coach.history.store import StoredAnswer, as_mapping, finite
from coach.words import counted

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


def _latest_takes(answers: list[StoredAnswer]) -> list[StoredAnswer]:
    """Each question's last take: advice is about the answer as it now stands."""
    latest: dict[tuple[object, ...], StoredAnswer] = {}
    for answer in answers:
        key = (answer.question_id or answer.question_text, answer.parent_id)
        if key not in latest or (answer.take, answer.id) >= (latest[key].take, latest[key].id):
            latest[key] = answer
    return [a for a in answers if latest.get((a.question_id or a.question_text, a.parent_id)) is a]


def _range(values: list[float], unit: str) -> str:
    low, high = min(values), max(values)
    return f"{low:.0f} {unit}" if round(low) == round(high) else f"{low:.0f}–{high:.0f} {unit}"


def _delivery_advice(answers: list[StoredAnswer]) -> list[str]:
    """Pace and length, from the main answers' latest takes (typed ones have neither)."""
    fast: list[float] = []
    slow: list[float] = []
    short: list[float] = []
    long: list[float] = []
    settings = AnalysisSettings()
    for answer in answers:
        fb = answer.feedback or {}
        speech = as_mapping(fb.get("speech"))
        wpm, seconds = finite(speech.get("wpm")), finite(fb.get("duration_s"))
        if answer.typed or wpm is None:
            continue
        settings = stored_settings(answer)
        verdict = pace_verdict(wpm, settings)
        if verdict == "too_fast":
            fast.append(wpm)
        elif verdict == "too_slow":
            slow.append(wpm)
        if answer.parent_id is None and seconds is not None:
            if seconds < settings.amber_s[0]:
                short.append(seconds)
            elif seconds > settings.amber_s[1]:
                long.append(seconds)
    aim = f"aim for {settings.target_wpm[0]:.0f}–{settings.target_wpm[1]:.0f}"
    band = f"{settings.green_s[0]:.0f}–{settings.green_s[1]:.0f} s"
    advice = []
    if fast:
        advice.append(
            f"Slow down: answers ran at {_range(fast, 'wpm')} ({aim}); pause after each part."
        )
    if slow:
        advice.append(f"Pick up the pace: answers ran at {_range(slow, 'wpm')} ({aim}).")
    if short:
        advice.append(f"Say more: answers of {_range(short, 's')} were short (aim for {band}).")
    if long:
        advice.append(f"Tighten up: answers of {_range(long, 's')} ran long (aim for {band}).")
    voices = [as_mapping(a.feedback.get("voice")) for a in answers if a.feedback]
    if any(v.get("monotone") is True for v in voices):
        advice.append("Let your voice move: rise on what matters, drop at the end of a point.")
    if any(v.get("trailing_off") is True for v in voices):
        advice.append("Keep your voice up to the last word of each sentence.")
    return advice


def summarise(answers: list[StoredAnswer], skipped: list[str] | None = None) -> SessionSummary:
    """Summarise ``answers`` (one session's, in order); ``skipped`` lists the texts of
    questions passed over without an answer. The table lists every take; the advice
    comes from each question's latest take."""
    lines: list[AnswerLine] = []
    for answer in answers:
        fb = answer.feedback or {}
        speech = as_mapping(fb.get("speech"))
        fillers = as_mapping(speech.get("fillers"))
        count = finite(fillers.get("count"))
        lines.append(
            AnswerLine(
                question=answer.question_text,
                parts=parts_present(fb),
                wpm=finite(speech.get("wpm")),
                fillers=int(count) if count is not None and 0 <= count < 1e9 else 0,
                follow_up=answer.parent_id is not None,
                typed=answer.typed,
                take=answer.take,
                verdict=verdict_label(fb),
            )
        )
    missing: Counter[str] = Counter()
    over_fillers: list[float] = []
    """The filler ceilings (per minute, each answer's own setting) an answer went over."""
    not_specific = too_short = 0
    latest = _latest_takes(answers)
    for answer in latest:
        fb = answer.feedback or {}
        fillers = as_mapping(as_mapping(fb.get("speech")).get("fillers"))
        if answer.parent_id is None:  # a follow-up answer need not be a full story
            if fb.get("checklist", "full") == "full" and fb.get("specific_example") is not False:
                missing.update(p for p, present in parts_present(fb).items() if not present)
            not_specific += fb.get("specific_example") is False
            too_short += fb.get("checklist") == "too_short"
        ceiling = stored_settings(answer).fillers_high_per_min
        if (per_minute := finite(fillers.get("per_minute"))) is not None and per_minute > ceiling:
            over_fillers.append(ceiling)
    advice = []
    if too_short:
        some = "one answer was" if too_short == 1 else f"{too_short} answers were"
        advice.append(f"Tell the whole story in 60–120 s: {some} too short to judge.")
    if not_specific:
        advice.append("Tell one real event from start to finish, not what you usually do.")
    advice += _delivery_advice(latest)
    advice += [ADVICE[part] for part, _count in missing.most_common(2)]
    if over_fillers:
        advice.append(
            f"Swap fillers for short silent pauses: you went over {min(over_fillers):g} a minute."
        )
    if skipped:
        advice.append(
            f"Come back to the {len(skipped)} question{'s' if len(skipped) > 1 else ''}"
            " you skipped: the hard ones are the ones worth rehearsing."
        )
    return SessionSummary(tuple(lines), tuple(advice[:4]), tuple(skipped or ()))


def interview_headline(answers: list[StoredAnswer]) -> str:
    """The verdict on a whole interview in one line, from each question's latest take:
    how many answers told a complete story and how many follow-ups were answered."""
    latest = _latest_takes(answers)
    main = [a for a in latest if a.parent_id is None]
    follow = [a for a in latest if a.parent_id is not None]
    complete = sum(
        1
        for a in main
        if (fb := a.feedback or {}).get("checklist", "full") == "full"
        and fb.get("specific_example") is not False
        and all(parts_present(fb).values())
    )
    answered = sum(verdict_label(a.feedback) == "follow-up ✓" for a in follow)
    parts = [f"{complete} of {counted(len(main), 'answer')} told a whole story (STAR and a lesson)"]
    if follow:
        parts.append(f"{answered} of {counted(len(follow), 'follow-up')} answered what was asked")
    return "; ".join(parts) + "."
