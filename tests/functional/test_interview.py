"""A mock interview that runs like one: three questions, the interviewer's follow-up
after each, no feedback until the end, then the whole interview's feedback."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, TextArea

from coach.app import CoachApp, make_app
from coach.backends import Backends
from coach.config import Config, save_config
from tests.functional.waiting import wait_for

STORIES = [
    "Last spring a customer called because her order was lost before her daughter's "
    "birthday. My job was to get it to her in time. I called the warehouse, found the "
    "parcel and paid for express delivery myself. It arrived the next morning and she "
    "thanked us. I learned to check the tracking before I promise anything.",
    "Two years ago a customer was charged twice for a repair and was furious. I had to win "
    "her trust back. I refunded the charge the same day and called her to explain what "
    "went wrong. She renewed her contract for another year.",
    "In my first month a shipment went to the wrong warehouse. I had to get it to the "
    "client by Friday. I booked a courier and drove the last boxes over myself. They "
    "arrived on Thursday and the client signed the next order. Since then I check every "
    "address twice.",
]
FOLLOW_UPS = [
    "I would call the warehouse before promising a date, and tell her straight away.",
    "The refund took ten minutes; what mattered was that I called her myself that day.",
    "I asked the courier for a tracking link and sent it to the client every evening.",
]


def shown(app: CoachApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _type(app: CoachApp, pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    app.screen.query_one("#answer", TextArea).load_text(text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_whole_mock_interview_with_feedback_at_the_end(private_data_dir: Path) -> None:
    save_config(Config(interview_questions=3))
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir, shuffle=False))
    seen: list[str] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("m", "t")  # mock interview, typed
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TypedAnswerScreen")
        for number, (story, follow_up) in enumerate(zip(STORIES, FOLLOW_UPS, strict=True), start=1):
            assert f"question {number} of 3" in shown(app, "#question-meta")
            await _type(app, pilot, story)
            seen.append(type(app.screen).__name__)
            # The follow-up comes by itself: asked on the next screen, no feedback between.
            assert "follow-up question" in shown(app, "#question-meta")
            asked = shown(app, "#question").strip()
            assert asked and asked not in STORIES
            await _type(app, pilot, follow_up)
            seen.append(type(app.screen).__name__)
        assert "FeedbackScreen" not in seen and seen[-1] == "InterviewReportScreen"

        report = app.screen.query_one("#report")
        text = "\n".join(str(s.render()) for s in report.query(Static))
        for number in (1, 2, 3):
            assert f"Question {number} of 3" in text
        assert text.count("The interviewer followed up") == 3
        assert "of 3 answers told a whole story" in shown(app, "#report-headline")
        assert "of 3 follow-ups answered" in shown(app, "#report-headline")
        assert "[R] It arrived the next morning" in text, "each answer's feedback is there"
        assert "Verdict" in text and shown(app, "#practise-next").strip()
        await pilot.press("v")
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")

    answers = app.store.answers(app.last_practice.session_id)  # type: ignore[union-attr,arg-type]
    assert [a.parent_id is None for a in answers] == [True, False] * 3
    assert [a.parent_id for a in answers[1::2]] == [a.id for a in answers[::2]]


async def test_the_interview_settings_survive_a_restart(private_data_dir: Path) -> None:
    first = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with first.run_test(size=(100, 40)) as pilot:
        await pilot.press("down", "m")
        first.theme = "nord"
        await pilot.pause()
        await pilot.press("t")  # starting a session remembers the pack and the mode
        await pilot.pause()
        pack = first.practice.pack.id  # type: ignore[union-attr]
    again = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with again.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
        home = again.screen
        assert home.pack is not None and home.pack.id == pack  # type: ignore[attr-defined]
        assert home.mode == "mock"  # type: ignore[attr-defined]


async def test_a_broken_settings_file_gives_a_message_and_the_defaults(
    private_data_dir: Path,
) -> None:
    from coach.config import config_path

    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('mode = "mock\ntheme = [1, 2\n')
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        assert app.screen.mode == "drill"  # type: ignore[attr-defined]
        notes = [n.message for n in app._notifications]
        assert any("could not be read" in n and "default settings" in n for n in notes), notes
