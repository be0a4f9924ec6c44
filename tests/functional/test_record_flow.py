"""The app on a file-backed microphone and the real model: home → record → feedback."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
from textual.widgets import Static

from coach.app import make_app
from coach.backends import Backends
from coach.speech.sources import FileSource
from coach.speech.wer import wer
from tests.conftest import JFK_TEXT, shared_clip
from tests.functional.waiting import wait_for

pytestmark = pytest.mark.model


async def test_record_an_answer_and_read_its_transcript(
    base_transcriber,
    private_data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    clip = shared_clip("jfk.flac")
    backends = Backends(
        make_source=lambda: FileSource(clip, realtime=False),
        make_transcriber=lambda _progress: base_transcriber,
        data_dir=private_data_dir,
    )
    app = make_app(backends=backends)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.transcriber is not None and app.input_status)
        await pilot.pause()
        assert "r to answer aloud" in str(app.screen.query_one("#next-step", Static).render())
        await pilot.press("r")  # a drill: one question from the highlighted pack
        await pilot.pause()
        timer = str(app.screen.query_one("#timer", Static).render())
        assert "think" in timer and "press space to start" in timer
        await pilot.press("space")  # start answering before the think time runs out
        # The clip ends, the answer stops by itself and the feedback replaces the recording.
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "FeedbackScreen")
        assert wer(JFK_TEXT, app.screen.feedback.transcript) <= 0.10
        marked = str(app.screen.query_one("#marked-transcript", Static).render())
        assert "what you can do for your country" in marked.lower()
        # An 11-second clip is too short to judge as a story: no STAR checklist for it.
        star = str(app.screen.query_one("#star", Static).render())
        assert star.startswith("Too short to judge the structure") and "Situation" not in star
        assert "Pace" in str(app.screen.query_one("#delivery", Static).render())
    wavs = list((private_data_dir / "recordings").glob("*.wav"))
    assert len(wavs) == 1
    assert stat.S_IMODE(wavs[0].stat().st_mode) == 0o600
    rows = (
        sqlite3.connect(private_data_dir / "coach.sqlite3")
        .execute(
            "SELECT audio_path, typed, feedback_json IS NOT NULL, transcript_json FROM answers"
        )
        .fetchall()
    )
    assert [row[:3] for row in rows] == [(str(wavs[0]), 0, 1)], "saved with its audio"
    assert wer(JFK_TEXT, json.loads(rows[0][3])["text"]) <= 0.10


async def test_without_a_microphone_home_says_why_and_what_to_do(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from coach.errors import DeviceError
    from coach.speech import microphone

    def no_portaudio():  # type: ignore[no-untyped-def]
        raise DeviceError(
            "PortAudio library not found, so no microphone", microphone.PORTAUDIO_HINT
        )

    monkeypatch.setattr("coach.backends.list_input_devices", no_portaudio)
    app = make_app(backends=Backends(model="tiny.en"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.input_status is not None)
        await pilot.pause()
        shown = str(app.screen.query_one("#input-status", Static).render())
        hint = str(app.screen.query_one("#input-hint", Static).render())
        assert "PortAudio library not found" in shown
        assert "sudo apt-get install libportaudio2" in hint and "`" not in hint
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HomeScreen"
