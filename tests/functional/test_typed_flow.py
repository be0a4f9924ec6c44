"""Without any microphone or model: pick a pack, type an answer, read the feedback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import OptionList, Static, TextArea

from coach.app import make_app
from coach.backends import Backends

ANSWER = (
    "Last spring a customer called because her order was lost. My job was to get it to her "
    "before her event. I called the warehouse and found the parcel, and I paid for express "
    "delivery. It arrived the next morning and she thanked us. I learned to check the "
    "tracking before I promise anything."
)


FOLLOW_UP_ANSWER = (
    "The hardest moment was when the courier said the parcel was gone. I asked for the "
    "depot address and called them myself, and they found it within the hour."
)


async def test_type_an_answer_read_feedback_and_answer_a_follow_up(private_data_dir: Path) -> None:
    backends = Backends(model="tiny.en", data_dir=private_data_dir)
    app = make_app(backends=backends)
    async with app.run_test(size=(100, 40)) as pilot:
        packs = app.screen.query_one("#packs", OptionList)
        assert packs.option_count == 3
        packs.highlighted = 0
        await pilot.press("t")
        await pilot.pause()
        question = str(app.screen.query_one("#question", Static).render())
        assert question.strip()
        app.screen.query_one("#answer", TextArea).load_text(ANSWER)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "FeedbackScreen"
        star = str(app.screen.query_one("#star", Static).render())
        for part in ("Situation", "Task", "Action", "Result", "Reflection"):
            assert f"✓ [{part[0] if part != 'Reflection' else 'L'}] {part}" in star
        marked = str(app.screen.query_one("#marked-transcript", Static).render())
        assert "[R] It arrived the next morning" in marked
        follow_ups = str(app.screen.query_one("#follow-ups", Static).render())
        assert "1. " in follow_ups
        first_follow_up = app.screen.feedback.follow_ups[0].question

        # Answer the first recommended follow-up right away (no microphone: typed).
        await pilot.press("1")
        await pilot.pause()
        assert str(app.screen.query_one("#question", Static).render()).strip() == first_follow_up
        meta = str(app.screen.query_one("#question-meta", Static).render())
        assert "aim for 15–45 s" in meta, "a follow-up has its own, shorter band"
        app.screen.query_one("#answer", TextArea).load_text(FOLLOW_UP_ANSWER)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "FeedbackScreen"
        judged = str(app.screen.query_one("#star", Static).render())
        assert "what it asked for" in judged, "judged for what it asked, no checklist"
        assert "Situation" not in judged

        # Back home, the session summary lists both answers, the follow-up marked.
        await pilot.press("escape")
        await pilot.press("s")
        await pilot.pause()
        summary = app.screen.summary
        assert [line.follow_up for line in summary.answers] == [False, True]
        assert all(summary.answers[0].parts.values())
        assert "↳" in app.export_screenshot()  # the follow-up is shown under its question
    rows = (
        sqlite3.connect(private_data_dir / "coach.sqlite3")
        .execute("SELECT id, parent_id, typed, transcript, question_text FROM answers ORDER BY id")
        .fetchall()
    )
    assert [row[2:] for row in rows] == [
        (1, ANSWER, question.strip()),
        (1, FOLLOW_UP_ANSWER, first_follow_up),
    ]
    assert rows[1][1] == rows[0][0], "the follow-up answer is linked to its parent"


async def test_the_packs_sample_answer_is_shown_marked_by_star_part(
    private_data_dir: Path,
) -> None:
    from coach.analysis import analyze
    from coach.packs.registry import find_pack
    from coach.practice.session import Prompt
    from coach.screens.feedback import FeedbackScreen

    pack = find_pack("customer-service-representative")
    question = next(q for q in pack.questions if q.sample_answers)
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(FeedbackScreen(Prompt.of(question), analyze(ANSWER)))
        await pilot.pause()
        assert "m" in app.screen.active_bindings, "the footer offers the sample answer"
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SampleAnswerScreen"
        shown = " ".join(str(w.render()) for w in app.screen.query(Static))
        assert "Sample answer 1 of" in shown
        assert "[S]" in shown and "[A]" in shown and "[R]" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "FeedbackScreen"


async def test_the_keys_go_to_the_pack_list_at_start_and_on_return(private_data_dir: Path) -> None:
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        packs = app.screen.query_one("#packs", OptionList)
        assert app.screen.focused is packs and packs.highlighted == 0
        await pilot.press("down")
        assert packs.highlighted == 1, "↓ chooses the next pack"
        await pilot.press("t")
        await pilot.pause()
        assert app.practice is not None and app.practice.pack is app.packs[1]
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.screen.focused is app.screen.query_one("#packs", OptionList)
