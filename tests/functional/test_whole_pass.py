"""After the stop, the whole recording is transcribed again and swapped in, in place."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from coach.app import make_app
from coach.backends import Backends
from coach.speech.sources import FileSource
from coach.speech.transcript import Transcript
from tests.conftest import shared_clip
from tests.functional.waiting import wait_for

pytestmark = pytest.mark.model


class LouderWholePass:
    """The real model for everything; its whole-recording transcript comes back in
    capitals, so the test can see which transcript the screen and history show."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.whole_calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def transcribe(self, audio: Any, *, cancelled: Any = None) -> Transcript:
        self.whole_calls += 1
        whole = self.real.transcribe(audio, cancelled=cancelled)
        segments = tuple(
            replace(
                s,
                text=s.text.upper(),
                words=tuple(replace(w, word=w.word.upper()) for w in s.words),
            )
            for s in whole.segments
        )
        return replace(whole, segments=segments)


async def test_the_whole_recording_pass_replaces_the_streamed_transcript_in_place(
    base_transcriber,
    private_data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    spy = LouderWholePass(base_transcriber)
    backends = Backends(
        make_source=lambda: FileSource(shared_clip("jfk.flac"), realtime=False),
        make_transcriber=lambda _progress: spy,
        data_dir=private_data_dir,
    )
    app = make_app(backends=backends)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.transcriber is not None and app.input_status)
        await pilot.press("r", "space")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "FeedbackScreen")
        screen = app.screen
        await wait_for(pilot, lambda: getattr(screen, "refined", False), timeout=60)
        assert app.screen is screen, "the same screen, updated in place"
        marked = str(screen.query_one("#marked-transcript", Static).render())
        assert "WHAT YOU CAN DO FOR YOUR COUNTRY" in marked
    transcript, data = (
        sqlite3.connect(private_data_dir / "coach.sqlite3")
        .execute("SELECT transcript, feedback_json FROM answers")
        .fetchone()
    )
    assert "WHAT YOU CAN DO FOR YOUR COUNTRY" in transcript and "COUNTRY" in data
    assert spy.whole_calls == 1
