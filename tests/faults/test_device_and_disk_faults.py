"""Device and disk faults mid-answer: a clear message, the audio so far kept, the app running."""

from __future__ import annotations

import errno
import sqlite3
import wave
from pathlib import Path

import pytest
from textual.widgets import Static

from coach.app import CoachApp, make_app
from coach.backends import Backends
from coach.errors import DeviceError
from coach.speech.audio import AudioArray
from coach.speech.sources import FileSource
from tests.conftest import shared_clip
from tests.functional.waiting import wait_for

pytestmark = pytest.mark.model


class VanishingMicrophone(FileSource):
    """A microphone unplugged after ``after_blocks`` blocks (the stream reports an error)."""

    def __init__(self, clip: Path, after_blocks: int) -> None:
        super().__init__(clip, realtime=False)
        self.left = after_blocks
        self.stream_error: str | None = None

    def read(self, timeout: float = 0.2) -> AudioArray | None:
        if self.left == 0:
            self.stream_error = "the microphone stopped delivering audio (unplugged?)"
            return None
        self.left -= 1
        return super().read(timeout)

    @property
    def exhausted(self) -> bool:  # type: ignore[override]
        return self.left == 0 or super().exhausted


class BusyMicrophone(FileSource):
    def start(self) -> None:
        raise DeviceError(
            "the microphone is busy (another program is using it)",
            "close the other program, or choose a device with --device",
        )


def shown(app: CoachApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _app(source_factory, tiny, data: Path) -> CoachApp:  # type: ignore[no-untyped-def]
    return make_app(
        backends=Backends(
            make_source=source_factory,
            make_transcriber=lambda _progress: tiny,
            data_dir=data,
        )
    )


async def test_a_microphone_that_vanishes_mid_answer_keeps_what_was_said(
    tiny_transcriber, private_data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    clip = shared_clip("jfk.flac")
    app = _app(
        lambda: VanishingMicrophone(clip, after_blocks=40), tiny_transcriber, private_data_dir
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.can_record)
        await pilot.press("r", "space")
        await wait_for(pilot, lambda: "stopped at" in shown(app, "#timer"))
        body = shown(app, "#transcript")
        assert "stopped delivering audio" in body and "kept" in body
        assert "Press r to try again" in body
        assert app.is_running and type(app.screen).__name__ == "RecordScreen"
    (wav,) = (private_data_dir / "recordings").glob("*.wav")
    with wave.open(str(wav)) as audio:
        assert audio.getnframes() / 16000 == pytest.approx(4.0, abs=0.15)
    rows = sqlite3.connect(private_data_dir / "coach.sqlite3").execute(
        "SELECT audio_path, transcript FROM answers"
    )
    ((saved, transcript),) = rows.fetchall()
    assert saved == str(wav) and transcript.lower().startswith("and so")


async def test_a_busy_microphone_says_so_and_the_app_goes_on(
    tiny_transcriber, private_data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    clip = shared_clip("jfk.flac")
    app = _app(lambda: BusyMicrophone(clip), tiny_transcriber, private_data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.can_record)
        await pilot.press("r", "space")
        await wait_for(pilot, lambda: "busy" in shown(app, "#transcript"))
        assert "--device" in shown(app, "#transcript")
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")


async def test_a_full_disk_mid_answer_keeps_the_audio_written_so_far(
    tiny_transcriber, private_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    real_writeframes = wave.Wave_write.writeframes

    def writeframes(self: wave.Wave_write, data: bytes) -> None:
        """The disk fills up after three seconds of audio."""
        if self.getnframes() >= 3 * 16000:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_writeframes(self, data)

    monkeypatch.setattr(wave.Wave_write, "writeframes", writeframes)
    clip = shared_clip("jfk.flac")
    app = _app(lambda: FileSource(clip, realtime=False), tiny_transcriber, private_data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.can_record)
        await pilot.press("r", "space")
        await wait_for(pilot, lambda: "stopped at" in shown(app, "#timer"))
        body = shown(app, "#transcript")
        assert "No space left" in body and "first 3.0 s are kept" in body
        assert app.is_running
    (wav,) = (private_data_dir / "recordings").glob("*.wav")
    with wave.open(str(wav)) as audio:
        assert audio.getnframes() == 3 * 16000
    db = sqlite3.connect(private_data_dir / "coach.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM answers").fetchone() == (1,)


async def test_when_the_history_cannot_be_written_the_answer_waits_for_recovery(
    tiny_transcriber, private_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from coach.errors import StorageError
    from coach.history.store import Store
    from coach.recovery import find_orphans

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise StorageError("could not save to the practice history: disk I/O error")

    clip = shared_clip("jfk.flac")
    app = _app(lambda: FileSource(clip, realtime=False), tiny_transcriber, private_data_dir)
    with monkeypatch.context() as patch:  # undoes this alone, not the private data folder
        patch.setattr(Store, "add_answer", refuse)
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for(pilot, lambda: app.can_record)
            await pilot.press("r", "space")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "FeedbackScreen")
            assert app.is_running
    store = Store(private_data_dir / "coach.sqlite3")
    (orphan,) = find_orphans(store, private_data_dir / "recordings")
    assert orphan.seconds > 10 and orphan.pending["question_text"]
