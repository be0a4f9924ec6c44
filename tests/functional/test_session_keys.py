"""Pause, quit while recording (asks first, then saves), leave a typed answer (asks first)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from coach.app import CoachApp, make_app
from coach.backends import Backends
from coach.speech.sources import FileSource
from tests.conftest import shared_clip
from tests.functional.waiting import wait_for

pytestmark = pytest.mark.model


def shown(app: CoachApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_pause_then_quit_mid_answer_asks_and_keeps_the_answer(
    tiny_transcriber,  # type: ignore[no-untyped-def]
    private_data_dir: Path,
) -> None:
    clip = shared_clip("jfk.flac")
    backends = Backends(
        make_source=lambda: FileSource(clip),  # real time: the answer lasts 11 s
        make_transcriber=lambda _progress: tiny_transcriber,
        data_dir=private_data_dir,
    )
    app = make_app(backends=backends)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.can_record)
        await pilot.press("r", "space")
        await wait_for(pilot, lambda: "recording" in shown(app, "#timer"))
        await pilot.press("p")
        await wait_for(pilot, lambda: "paused" in shown(app, "#timer"))
        await pilot.press("p")
        await wait_for(pilot, lambda: "recording" in shown(app, "#timer"))

        await pilot.press("ctrl+q")  # quitting mid-answer asks first
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
        assert "middle of an answer" in shown(app, "#confirm-message")
        await pilot.press("n")  # keep going
        await wait_for(pilot, lambda: type(app.screen).__name__ == "RecordScreen")
        assert app.screen.phase == "recording"  # type: ignore[attr-defined]

        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
        await pilot.press("y")
        await wait_for(pilot, lambda: not app.is_running, timeout=30)
    rows = sqlite3.connect(private_data_dir / "coach.sqlite3").execute(
        "SELECT audio_path, transcript FROM answers"
    )
    ((audio_path, transcript),) = rows.fetchall()
    assert Path(audio_path).exists() and transcript.lower().startswith("and so")


async def test_leaving_a_typed_answer_asks_before_discarding_it(private_data_dir: Path) -> None:
    app = make_app(backends=Backends(model="tiny.en", data_dir=private_data_dir))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TypedAnswerScreen")
        app.screen.query_one("#answer", TextArea).load_text("Last year I rebuilt our")
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
        assert "would be lost" in shown(app, "#confirm-message")
        await pilot.press("n")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TypedAnswerScreen")
        assert app.screen.query_one("#answer", TextArea).text == "Last year I rebuilt our"
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ConfirmScreen")
        await pilot.press("y")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
