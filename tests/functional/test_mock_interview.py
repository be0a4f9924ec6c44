"""A whole mock interview, spoken, on the real bundled model and a file-backed microphone,
with feedback after each question (the setting; by default it waits for the end):

think → record → stop → feedback (STAR marks from the real transcript) → answer a
follow-up → skip → retake → summary; then what the history holds.
"""

from __future__ import annotations

import html
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from coach.app import CoachApp, make_app
from coach.backends import Backends
from coach.config import Config, save_config
from coach.speech.sources import FileSource
from tests.conftest import make_speech
from tests.functional.waiting import wait_for

pytestmark = pytest.mark.model

STORY = (
    "Last spring a customer called because her order was lost before her daughter's "
    "birthday. My job was to get the parcel to her in time. I called the warehouse, found "
    "the box and paid for express delivery myself. It arrived the next morning and she gave "
    "us a five star review. I learned to check the tracking before I promise anything."
)
FOLLOW_UP = "I called the courier depot myself, and they found the parcel within the hour."
HALF_STORY = (
    "After a big product launch last spring our support queue had two hundred open "
    "tickets, and customers were waiting three or four days for any reply at all. I sorted "
    "the tickets by urgency first. Then I wrote saved replies for the three most common "
    "problems, and I answered the oldest tickets myself, one by one, starting every "
    "morning at seven."
)
FULL_STORY = (
    "After a big product launch last spring our support queue had two hundred open "
    "tickets. I was asked to clear them within a week. I sorted them by urgency and wrote "
    "three saved replies for the most common problems, and I answered the oldest tickets "
    "myself. We cleared the queue in four days and satisfaction rose to ninety percent. "
    "Next time I would prepare the replies before the launch."
)


def shown(app: CoachApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def screen_name(app: CoachApp) -> str:
    return type(app.screen).__name__


async def test_a_mock_interview_from_home_to_summary(
    base_transcriber, private_data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    save_config(Config(interview_feedback="each"))
    clips: Iterator[Path] = iter(
        make_speech(text, speed=160) for text in (STORY, FOLLOW_UP, HALF_STORY, FULL_STORY)
    )
    backends = Backends(
        make_source=lambda: FileSource(next(clips), speed=3.0),
        make_transcriber=lambda _progress: base_transcriber,
        data_dir=private_data_dir,
        shuffle=False,
    )
    app = make_app(backends=backends)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: app.can_record)
        await pilot.press("m", "r")  # mock interview, answered aloud
        await wait_for(pilot, lambda: screen_name(app) == "RecordScreen")
        assert app.practice is not None and app.practice.plan is not None
        assert len(app.practice.plan.questions) == 4
        first = app.practice.plan.questions[0]
        assert "question 1 of 4" in shown(app, "#question-meta")
        assert first.text in shown(app, "#question")
        assert "think" in shown(app, "#timer")

        # 1. Answer: space ends the think time, the recording ends with the clip,
        #    and the feedback shows the STAR parts found in what the model heard.
        await pilot.press("space")
        await wait_for(pilot, lambda: screen_name(app) == "FeedbackScreen")
        star = shown(app, "#star")
        for part, letter in (("Situation", "S"), ("Action", "A"), ("Result", "R")):
            assert f"✓ [{letter}] {part}" in star
        marked = shown(app, "#marked-transcript")
        assert "[R]" in marked and "next morning" in marked
        assert "1. " in shown(app, "#follow-ups")
        follow_up_question = app.screen.feedback.follow_ups[0].question  # type: ignore[attr-defined]

        # 2. Answer the interviewer's first follow-up straight away.
        await pilot.press("1")
        await wait_for(pilot, lambda: screen_name(app) == "RecordScreen")
        assert "follow-up question" in shown(app, "#question-meta")
        assert follow_up_question in shown(app, "#question")
        await wait_for(pilot, lambda: screen_name(app) == "FeedbackScreen")
        assert "depot" in shown(app, "#marked-transcript")

        # 3. Next question: skip it during its think time.
        await pilot.press("n")
        await wait_for(pilot, lambda: "question 2 of 4" in shown(app, "#question-meta"))
        await pilot.press("n")
        await wait_for(pilot, lambda: "question 3 of 4" in shown(app, "#question-meta"))

        # 4. Question 3: a weak first take (no result), then a retake.
        await pilot.press("space")
        await wait_for(pilot, lambda: screen_name(app) == "FeedbackScreen")
        assert "✗ [R] Result" in shown(app, "#star")
        await pilot.press("r")
        await wait_for(pilot, lambda: screen_name(app) == "RecordScreen")
        assert "take 2 of" in shown(app, "#question-meta")
        assert "think" in shown(app, "#timer"), "a retake has its think time too"
        await pilot.press("space")  # which space skips
        await wait_for(pilot, lambda: screen_name(app) == "FeedbackScreen")
        assert "✓ [R] Result" in shown(app, "#star"), app.screen.feedback.transcript

        # 5. Skip the last question; the summary closes the session.
        await pilot.press("n")
        await wait_for(pilot, lambda: "question 4 of 4" in shown(app, "#question-meta"))
        await pilot.press("n")
        await wait_for(pilot, lambda: screen_name(app) == "SummaryScreen")
        assert "Session complete" in shown(app, "#summary-title")
        summary = app.screen.summary  # type: ignore[attr-defined]
        assert [(line.follow_up, line.take) for line in summary.answers] == [
            (False, 1),
            (True, 1),
            (False, 1),
            (False, 2),
        ]
        assert summary.answers[0].parts["result"] and not summary.answers[2].parts["result"]
        assert len(summary.skipped) == 2
        screenshot = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "↳" in screenshot and "(take 2)" in screenshot and "(skipped)" in screenshot
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen_name(app) == "HomeScreen")

    db = sqlite3.connect(private_data_dir / "coach.sqlite3")
    assert db.execute("SELECT mode, pack_id FROM sessions").fetchall() == [
        ("mock", app.packs[0].id)
    ]
    rows = db.execute(
        "SELECT id, parent_id, question_id, take, audio_path, feedback_json IS NOT NULL "
        "FROM answers ORDER BY id"
    ).fetchall()
    assert [(r[2] is None, r[3], r[5]) for r in rows] == [
        (False, 1, 1),
        (True, 1, 1),
        (False, 1, 1),
        (False, 2, 1),
    ]
    assert rows[1][1] == rows[0][0], "the follow-up is linked to the answer it follows"
    assert rows[2][2] == rows[3][2], "both takes are of the same question"
    for row in rows:
        audio = Path(row[4])
        assert audio.exists() and stat.S_IMODE(audio.stat().st_mode) == 0o600
