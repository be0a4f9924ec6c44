"""The session summary's advice: delivery as well as structure, from the latest take."""

from __future__ import annotations

from pathlib import Path

from coach.analysis import analyze
from coach.history.store import StoredAnswer
from coach.summary import summarise
from tests.history_data import FULL, spoken

ROOT = Path(__file__).resolve().parents[2]
LONG = (ROOT / "tests" / "data" / "answer_2min.txt").read_text()
NO_RESULT = (
    "Last spring a customer rang because her order for her daughter's birthday had gone "
    "missing between our warehouse and her house. My job was to get it to her in time. I "
    "called the warehouse, found the parcel on the wrong shelf, and paid for express "
    "delivery myself so it would still make it. I learned to check the tracking first."
)


def _stored(ident: int, text: str, *, take: int = 1, wps: float = 2.4) -> StoredAnswer:
    feedback = analyze(spoken(text, wps=wps)).to_dict()
    return StoredAnswer(
        id=ident,
        session_id=1,
        question_text="Tell me about a lost order.",
        transcript=text,
        take=take,
        typed=False,
        audio_path=None,
        feedback=feedback,
        parent_id=None,
        question_id="lost-order",
    )


def test_fast_answers_get_pace_advice() -> None:
    summary = summarise([_stored(1, LONG, wps=200 / 60)])
    assert any(line.startswith("Slow down: answers ran at") for line in summary.practise_next)


def test_a_complete_retake_leaves_no_star_advice_for_its_question() -> None:
    first, retake = _stored(1, NO_RESULT), _stored(2, FULL, take=2)
    assert not first.feedback or first.feedback["star"]["result"]["present"] is False
    before = summarise([first]).practise_next
    assert any("outcome" in line for line in before)
    after = summarise([first, retake]).practise_next
    assert not any("outcome" in line for line in after), after
    assert len(summarise([first, retake]).answers) == 2, "the table still lists both takes"
