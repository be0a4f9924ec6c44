"""Choosing a session's questions: drill, mock interview, custom filters; takes and skips."""

from __future__ import annotations

import random

import pytest

from coach.errors import UsageError
from coach.packs.registry import discover
from coach.practice.session import PracticeSession, Prompt, plan_session


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return next(e.pack for e in discover() if e.pack and e.pack.id.endswith("manager"))


def test_a_drill_is_one_question_and_avoids_recent_ones(pack) -> None:  # type: ignore[no-untyped-def]
    first = plan_session(pack, "drill", shuffle=False)
    assert len(first.questions) == 1
    second = plan_session(pack, "drill", shuffle=False, avoid={first.questions[0].id})
    assert second.questions[0].id != first.questions[0].id


def test_a_mock_interview_has_three_to_five_questions_warming_up_first(pack) -> None:  # type: ignore[no-untyped-def]
    for asked, expected in ((None, 4), (1, 3), (9, 5), (5, 5)):
        plan = plan_session(pack, "mock", count=asked, rng=random.Random(7))
        assert len(plan.questions) == expected
        assert len({q.id for q in plan.questions}) == expected
        order = {"easy": 0, "medium": 1, "hard": 2}
        levels = [order[q.difficulty] for q in plan.questions]
        assert levels == sorted(levels), "easier questions come first, as interviews warm up"
        assert plan.follow_ups_expected


def test_custom_filters_by_competency_and_difficulty_in_order_or_shuffled(pack) -> None:  # type: ignore[no-untyped-def]
    hard = plan_session(pack, "custom", difficulties={"hard"}, count=50, shuffle=False)
    assert {q.difficulty for q in hard.questions} == {"hard"}
    in_pack = [q.id for q in pack.questions if q.difficulty == "hard"]
    assert [q.id for q in hard.questions] == in_pack, "in the pack's order when not shuffled"
    competency = pack.questions[0].competency
    picked = plan_session(pack, "custom", competencies={competency}, count=2)
    assert all(q.competency == competency for q in picked.questions)
    with pytest.raises(UsageError, match="no question"):
        plan_session(pack, "custom", competencies={"juggling"}, difficulties={"hard"})


def test_takes_are_counted_per_question_and_skips_remembered(pack) -> None:  # type: ignore[no-untyped-def]
    session = PracticeSession(plan_session(pack, "mock", count=3, shuffle=False))
    first = session.current
    assert first is not None and session.position == "1 of 3"
    key = Prompt.of(first).key
    assert session.record_take(key) == 1
    assert session.can_retake(key, allowed=2)
    assert session.record_take(key) == 2
    assert not session.can_retake(key, allowed=2)
    follow_up = Prompt("What would you change?", None, parent_id=11)
    assert session.next_take(follow_up.key) == 1, "a follow-up has takes of its own"
    session.advance()
    session.advance()  # the second question is skipped
    assert [q.id for q in session.skipped] == [session.plan.questions[1].id]
    assert session.advance() is None


def test_weak_spots_are_practised_together_from_the_pack_with_most_of_them() -> None:
    from coach.packs.registry import find_pack
    from coach.practice.session import weak_spot_plan

    manager = find_pack("customer-experience-manager")
    rep = find_pack("customer-service-representative")
    spots = [
        (rep.id, rep.questions[0].id),
        (manager.id, manager.questions[2].id),
        (manager.id, manager.questions[0].id),
        (manager.id, "no-longer-in-the-pack"),
        ("uninstalled-pack", "q1"),
    ]
    plan, left_out = weak_spot_plan([manager, rep], spots)
    assert plan is not None and plan.mode == "custom" and plan.pack is manager
    assert [q.id for q in plan.questions] == [manager.questions[2].id, manager.questions[0].id]
    assert left_out == 3, "told how many wait for another round"
    assert weak_spot_plan([manager], [("gone", "q")]) == (None, 1)
