"""One take pipeline: a recovered answer is judged as the question screen and Review
judge it (the pack question's areas and follow-ups kept)."""

from __future__ import annotations

from pathlib import Path

from coach.analysis import AnalysisSettings
from coach.history.reanalyse import feedback_for
from coach.history.store import Store
from coach.locations import ensure_private_dir
from coach.packs.registry import find_pack
from coach.practice.controller import PracticeController
from coach.practice.session import Prompt, plan_session, prompt_context
from coach.practice.take import answer_note, typed_take
from coach.recovery import Orphan, find_orphans, keep_typed_answer, recover

STORY = (
    "Last spring our support queue doubled after a release. I was asked to get the "
    "backlog under control within two weeks. I sorted the tickets by cause, wrote "
    "three saved replies for the common problems and paired with the developers on "
    "the worst bug. The backlog fell from 400 to 60 tickets in nine days and the "
    "satisfaction score rose by twelve points. I learned to look for the cause first."
)


def _question_prompt() -> tuple[Prompt, AnalysisSettings]:
    pack = find_pack("customer-service-representative")
    question = next(q for q in pack.questions if q.areas_to_cover and q.follow_ups)
    prompt = Prompt.of(question)
    return prompt, prompt_context(pack, prompt)[1]


def test_a_recovered_answer_keeps_its_questions_areas_and_follow_ups(
    private_data_dir: Path,
) -> None:
    prompt, settings = _question_prompt()
    pack = find_pack("customer-service-representative")
    live = typed_take(STORY, *prompt_context(pack, prompt)[:2])
    store = Store()
    note = {**answer_note(prompt, pack, settings), "transcript": STORY}
    kept = keep_typed_answer(ensure_private_dir(store.folder.recordings), note)
    answer_id = recover(Orphan(kept, 0.0, note), store, None)

    saved = store.answer(answer_id)
    assert saved is not None and saved.feedback is not None and live.feedback is not None
    assert saved.feedback["follow_ups"] == live.feedback.to_dict()["follow_ups"]
    assert saved.feedback == feedback_for(saved).to_dict(), "Review shows what was saved"
    assert find_orphans(store) == []


def test_a_recovered_follow_up_stays_linked_to_its_answer(private_data_dir: Path) -> None:
    prompt, settings = _question_prompt()
    store = Store()
    session = PracticeController(
        plan_session(find_pack("customer-service-representative"), "drill"),
        lambda: store,
        typed=True,
    )
    first = session.save(prompt, typed_take(STORY, *session.context(prompt)[:2]), settings)
    follow_up = Prompt("What would you do differently?", None, parent_id=first)
    note = {**answer_note(follow_up, None, settings), "transcript": "I would ask sooner."}
    kept = keep_typed_answer(ensure_private_dir(store.folder.recordings), note)
    saved = store.answer(recover(Orphan(kept, 0.0, note), store, None))
    assert saved is not None and saved.parent_id == first


def test_takes_are_numbered_and_limited_by_the_controller(private_data_dir: Path) -> None:
    store = Store()
    plan = plan_session(find_pack("customer-service-representative"), "drill")
    session = PracticeController(plan, lambda: store, typed=True)
    prompt = session.first()
    assert prompt is not None
    context, settings, timings = session.context(prompt)
    ids = []
    for _ in range(timings.takes):
        assert session.takes_left(prompt)
        ids.append(session.save(prompt, typed_take(STORY, context, settings), settings))
    assert not session.takes_left(prompt)
    assert [a.take for a in session.answers()] == list(range(1, timings.takes + 1))
    assert session.advance() is None and session.skipped == []
