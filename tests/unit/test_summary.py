"""What to practise next comes from the parts the session's answers lacked."""

from __future__ import annotations

from coach.history.store import StoredAnswer
from coach.summary import ADVICE, summarise


def answer(
    parts: set[str], *, parent: int | None = None, specific: bool = True, fpm: float = 2.0
) -> StoredAnswer:
    star = {
        p: {"present": p in parts} for p in ("situation", "task", "action", "result", "reflection")
    }
    feedback = {
        "star": star,
        "specific_example": specific,
        "speech": {"wpm": 140.0, "fillers": {"count": 3, "per_minute": fpm}},
    }
    return StoredAnswer(1, 1, "Q?", "text", 1, False, None, feedback, parent)


def test_the_most_often_missing_parts_come_first() -> None:
    summary = summarise(
        [
            answer({"situation", "action"}),
            answer({"situation", "task", "action"}),
            answer({"action"}, parent=1),  # follow-ups are not expected to be full stories
        ]
    )
    assert summary.practise_next[0] == ADVICE["result"]
    assert ADVICE["reflection"] in summary.practise_next
    assert [a.follow_up for a in summary.answers] == [False, False, True]


def test_habits_and_heavy_fillers_are_called_out() -> None:
    summary = summarise(
        [
            answer(
                set(["situation", "task", "action", "result", "reflection"]),
                specific=False,
                fpm=14.0,
            )
        ]
    )
    assert summary.practise_next[0].startswith("Tell one real event")
    assert any("12 a minute" in line for line in summary.practise_next)
