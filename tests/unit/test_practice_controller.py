"""A whole practice session through :class:`PracticeController`, no screen: the plan,
each take saved, the interviewer's follow-up, the report and the summary."""

from __future__ import annotations

from pathlib import Path

from coach.history.store import Store
from coach.packs.registry import find_pack
from coach.practice.controller import PracticeController
from coach.practice.session import Prompt, plan_session
from coach.practice.take import typed_take
from coach.summary import interview_headline, summarise

STORIES = [
    "Last spring our support queue doubled after a release. I was asked to get the backlog "
    "under control within two weeks. I sorted the tickets by cause and wrote three saved "
    "replies. The backlog fell from 400 to 60 tickets in nine days. I learned to look for "
    "the cause first.",
    "Two years ago a customer was charged twice for a repair. My job was to win her trust "
    "back. I refunded the charge the same day and called her to explain. She renewed her "
    "contract for another year.",
    "In my first month a shipment of parts went to the wrong warehouse. I had to get it "
    "to the client by Friday. I booked a courier and drove the last boxes myself. They "
    "arrived on Thursday and the client signed the next order. Since then I check every "
    "address twice.",
]
FOLLOW_UP = "I would have told the customer about the delay on the first day, not the third."


def _controller(store: Store, *, feedback_each: bool = False) -> PracticeController:
    pack = find_pack("customer-service-representative")
    plan = plan_session(pack, "mock", count=3, shuffle=False)
    return PracticeController(plan, lambda: store, typed=True, feedback_each=feedback_each)


def _answer(session: PracticeController, prompt: Prompt, text: str) -> Prompt | None:
    """Save one typed take; return what the interviewer asks next (None: move on)."""
    context, settings, _timings = session.context(prompt)
    take = typed_take(text, context, settings)
    answer_id = session.save(prompt, take, settings)
    return session.interviewer_follow_up(prompt, take.feedback, answer_id)


def test_a_mock_interview_from_plan_to_report(private_data_dir: Path) -> None:
    store = Store()
    session = _controller(store)
    assert session.interview and len(session.plan.questions) == 3  # type: ignore[union-attr]
    prompt, asked = session.first(), []
    for story in STORIES:
        assert prompt is not None and not prompt.is_follow_up
        follow_up = _answer(session, prompt, story)
        assert follow_up is not None, "the interviewer follows up after every answer"
        assert follow_up.is_follow_up and follow_up.text
        asked.append(follow_up.text)
        assert _answer(session, follow_up, FOLLOW_UP) is None, "one follow-up, then move on"
        prompt = session.advance()
    assert prompt is None, "three questions, then the end"

    report = session.interview_answers()
    assert [r.prompt.text for r in report] == [q.text for q in session.plan.questions]  # type: ignore[union-attr]
    assert [[f.prompt.text for f in r.follow_ups] for r in report] == [[t] for t in asked]
    for r in report:
        assert r.feedback is not None and r.follow_ups[0].feedback is not None
        assert r.follow_ups[0].feedback.verdict.checklist == "follow_up"
        # the interviewer asked the follow-up the feedback ranked first
        assert r.follow_ups[0].prompt.text == r.feedback.follow_ups[0].question

    answers = session.answers()
    assert [a.parent_id is None for a in answers] == [True, False] * 3
    assert [a.parent_id for a in answers[1::2]] == [a.id for a in answers[::2]]
    summary = summarise(answers, skipped=session.skipped)
    assert [line.follow_up for line in summary.answers] == [False, True] * 3
    assert summary.practise_next, "the verdict says what to practise next"
    headline = interview_headline(answers)
    assert "of 3 answers told a whole story" in headline and "of 3 follow-ups" in headline


def test_with_feedback_after_each_question_no_follow_up_comes_by_itself(
    private_data_dir: Path,
) -> None:
    session = _controller(Store(), feedback_each=True)
    prompt = session.first()
    assert prompt is not None and not session.interview
    assert _answer(session, prompt, STORIES[0]) is None


def test_a_skipped_question_and_a_retake_in_the_report(private_data_dir: Path) -> None:
    session = _controller(Store())
    first = session.first()
    assert first is not None
    _answer(session, first, "I was asked to fix a queue. I sorted the tickets by cause.")
    _answer(session, first, STORIES[0])  # a retake replaces the take in the report
    second = session.advance()
    assert second is not None
    third = session.advance()  # the second is skipped
    assert third is not None
    report = session.interview_answers()
    assert [r.prompt.key for r in report] == [first.key]
    assert report[0].feedback is not None and "400" in report[0].feedback.transcript
    assert session.skipped == [second.text]
