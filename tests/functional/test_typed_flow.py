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


async def test_type_an_answer_and_get_feedback(private_data_dir: Path) -> None:
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
    rows = (
        sqlite3.connect(private_data_dir / "coach.sqlite3")
        .execute("SELECT typed, transcript, question_text FROM answers")
        .fetchall()
    )
    assert rows == [(1, ANSWER, question.strip())]
