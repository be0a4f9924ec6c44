"""History, review, compare and progress, driven like a learner coming back."""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from coach.app import CoachApp, make_app
from coach.backends import Backends
from tests.conftest import shared_clip
from tests.functional.waiting import wait_for
from tests.history_data import seed_history


@pytest.fixture
def app(private_data_dir: Path) -> CoachApp:
    seed_history(private_data_dir, shared_clip("jfk.flac")).store.close()
    return make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))


def shown(app: CoachApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def screen_text(app: CoachApp) -> str:
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def screen(app: CoachApp) -> str:
    return type(app.screen).__name__


async def test_search_review_and_delete_an_answer_with_its_recording(
    app: CoachApp, private_data_dir: Path
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: screen(app) == "HistoryScreen")
        table = app.screen.query_one("#sessions", DataTable)
        assert table.row_count == 2
        assert "drill" in str(table.get_row_at(0)), "newest first"

        await pilot.press("slash")
        app.screen.query_one("#search", Input).value = "warehouse"
        await pilot.pause()
        assert table.row_count == 2 and "2 answers match" in shown(app, "#history-count")
        assert "[warehouse]" in str(table.get_row_at(0)[2]), "a snippet around the match"
        await pilot.press("down")  # from the search box to the results
        assert app.screen.focused is table and table.cursor_row == 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen(app) == "ReviewScreen")
        assert "take 2" in shown(app, "#review-meta")
        assert "[R]" in shown(app, "#marked-transcript")
        assert "0:00 /" in shown(app, "#player")

        recording = Path(app.screen.answer.audio_path or "")  # type: ignore[attr-defined]
        assert recording.exists()
        await pilot.press("x")
        await wait_for(pilot, lambda: screen(app) == "ConfirmScreen")
        await pilot.press("y")
        await wait_for(pilot, lambda: screen(app) == "ReviewScreen")
        assert not recording.exists(), "deleting an answer deletes its recording"
    db = sqlite3.connect(private_data_dir / "coach.sqlite3")
    assert db.execute("SELECT count(*) FROM answers WHERE take = 2").fetchone() == (0,)


async def test_compare_two_takes_then_progress_and_weak_spots(app: CoachApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: screen(app) == "HistoryScreen")
        await pilot.press("down", "enter")  # the mock interview: its first answer
        await wait_for(pilot, lambda: screen(app) == "ReviewScreen")
        assert "take 1" in shown(app, "#review-meta")
        await pilot.press("c")
        await wait_for(pilot, lambda: screen(app) == "CompareScreen")
        metrics = screen_text(app)
        assert "take 1" in metrics and "take 2" in metrics and "better" in metrics
        assert "+[" in shown(app, "#after") and "-[" in shown(app, "#before")
        await pilot.press("escape")
        await pilot.press("escape")
        await wait_for(pilot, lambda: screen(app) == "HistoryScreen")

        await pilot.press("g")
        await wait_for(pilot, lambda: screen(app) == "ProgressScreen")
        assert "STAR parts" in screen_text(app)
        weak = shown(app, "#weak-spots")
        assert "missing" in weak  # the drill answer had no reflection
        await pilot.press("w")  # practise them (typed: this test has no microphone)
        await wait_for(pilot, lambda: screen(app) == "TypedAnswerScreen")
        assert app.practice is not None and app.practice.plan is not None
        assert app.practice.plan.mode == "custom"


async def test_playing_without_a_sound_output_says_so_and_where_the_file_is(
    app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    class NoOutput:
        class CallbackStop(Exception): ...

        def OutputStream(self, **_kwargs: object) -> None:
            raise RuntimeError("Error querying device -1")

    monkeypatch.setattr("coach.speech.player.load_sounddevice", lambda: NoOutput())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await wait_for(pilot, lambda: screen(app) == "HistoryScreen")
        await pilot.press("down", "enter", "enter")  # the mock interview's recorded answer
        await wait_for(pilot, lambda: screen(app) == "ReviewScreen")
        recording = app.screen.answer.audio_path  # type: ignore[attr-defined]
        await pilot.press("space")
        await pilot.pause()
        notes = [n for n in app._notifications if n.title == "Cannot play"]
        assert len(notes) == 1, [(n.title, n.message) for n in app._notifications]
        note = notes[0]
        assert "no sound output on this machine" in note.message
        assert f"The recording is {recording}" in note.message
        assert "-1" not in note.message and "querying" not in note.message
        assert screen(app) == "ReviewScreen", "the review still works"
